package org.secr4j.benchmarks.likelihood;

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
import org.secr4j.benchmarks.Scenario;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;

/** One log-likelihood evaluation (value, and value + analytic gradient) at the scenario's β. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SecrLikelihoodBenchmark {
    @Param({"captdata", "refL", "simLarge", "multiSex"})
    public String scenario;

    @Param({"1", "2"})
    public int threads;

    /** Local evaluation (pairs with g0 f(d) below 1e-12 skipped) or dense. */
    @Param({"false", "true"})
    public boolean local;

    /** The Vector API kernel (the fork has jdk.incubator.vector) or the scalar one. */
    @Param({"true", "false"})
    public boolean vector;

    private SecrLikelihood likelihood;
    private double[] beta;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() {
        Scenario s = Scenario.load(scenario);
        likelihood = SecrLikelihood.of(s.history(), s.masks(), s.layout(), s.options(LikelihoodOptions.defaults()
                .withThreads(threads).withLocalEvaluation(local).withVectorKernel(vector).withVectorMinimumPairs(0)));
        beta = s.beta();
        gradient = new double[beta.length];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        likelihood.close();
    }

    @Benchmark
    public double value() {
        return likelihood.value(beta);
    }

    @Benchmark
    public double valueAndGradient() {
        return likelihood.valueAndGradient(beta, gradient) + gradient[0];
    }
}
