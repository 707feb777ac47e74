package org.secr4j.benchmarks.gate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * The CI regression gate's two measurements, taken in the same run so that their ratio does not
 * depend on how fast the machine is: one dense log-likelihood evaluation of a simulated proximity
 * survey (16 × 16 detectors at 30 m, 5 occasions, D = 3/ha, g0 = 0.2, σ = 25 m, mask buffer 100 m
 * at 8 m; no files needed), and a fixed reference computation that no secr4j code touches
 * (an exp and a log per element of a fixed array of 2<sup>20</sup> doubles).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GateBenchmark {
    /** Likelihood evaluations per operation: above 1 it stands for a likelihood that many times slower (to test the gate). */
    @Param("1")
    public int slowdown;

    private SecrLikelihood likelihood;
    private double[] beta;
    private double[] reference;

    /** The gate's survey, simulated with a fixed seed. */
    public static CaptureHistory survey() {
        DetectorArray det = CaptureSimulator.grid(DetectorType.PROXIMITY, 16, 16, 30, 0, 0);
        SplittableRandom r = new SplittableRandom(20261121);
        Population pop = Population.poisson(mask(det), 3, r);
        return CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.2, 25, 0, 0).simulate("1", pop, det, 5, r));
    }

    static HabitatMask mask(DetectorArray det) {
        return HabitatMask.around(det, 100, 8);
    }

    @Setup(Level.Trial)
    public void setUp() {
        CaptureHistory ch = survey();
        ParameterLayout hn = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        likelihood = SecrLikelihood.of(ch, List.of(mask(ch.session(0).detectors())), hn, LikelihoodOptions.defaults().withVectorMinimumPairs(0));
        beta = new double[] {Math.log(3), -1.386, Math.log(25)};
        reference = new double[1 << 20];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < reference.length; i++) {
            reference[i] = r.nextDouble();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        likelihood.close();
    }

    @Benchmark
    public double likelihood() {
        double v = 0;
        for (int i = 0; i < slowdown; i++) {
            v += likelihood.value(beta);
        }
        return v;
    }

    @Benchmark
    public double reference() {
        double s = 0;
        for (double x : reference) {
            s += Math.exp(-x) + Math.log(1 + x);
        }
        return s;
    }
}
