package org.secr4j.benchmarks.fit;

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
import org.openjdk.jmh.annotations.Warmup;
import org.secr4j.benchmarks.Scenario;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.result.FittedModel;

/** A whole fit from automatic start values, with the Hessian and covariance (what secr.fit times). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SecrFitBenchmark {
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

    /** The coarse stage on thinned masks ({@link FitOptions#withCoarseFit}), the default, or the fit from the start values. */
    @Param({"true", "false"})
    public boolean coarse;

    private Scenario s;

    @Setup(Level.Trial)
    public void setUp() {
        s = Scenario.load(scenario);
    }

    @Benchmark
    public FittedModel fit() {
        FitOptions o = FitOptions.defaults().with(s.layout().detectionFunction()).withThreads(threads).withLocalEvaluation(local).withVectorKernel(vector)
                .withVectorMinimumPairs(0).withCoarseFit(coarse);
        return SecrFitter.with(s.hcov() == null ? o : o.withHcov(s.hcov())).fit(s.history(), s.masks(), s.model());
    }
}
