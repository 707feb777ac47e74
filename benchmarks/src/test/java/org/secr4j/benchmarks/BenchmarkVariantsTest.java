package org.secr4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.secr4j.benchmarks.likelihood.SecrLikelihoodBenchmark;

/** The benchmark variants compute the same thing: 1 and 2 threads, value and value + gradient. */
class BenchmarkVariantsTest {
    private static double[] run(String scenario, int threads) {
        SecrLikelihoodBenchmark b = new SecrLikelihoodBenchmark();
        b.scenario = scenario;
        b.threads = threads;
        b.setUp();
        try {
            return new double[] {b.value(), b.valueAndGradient()};
        } finally {
            b.tearDown();
        }
    }

    @Test
    void simulatedScenarioGivesBitIdenticalValuesForOneAndTwoThreads() {
        double[] one = run("simLarge", 1);
        double[] two = run("simLarge", 2);
        assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(two[0]));
        assertEquals(Double.doubleToLongBits(one[1]), Double.doubleToLongBits(two[1]));
    }

    @Test
    void valueAndGradientReturnsTheSameValueAsValue() {
        SecrLikelihoodBenchmark b = new SecrLikelihoodBenchmark();
        b.scenario = "simLarge";
        b.threads = 1;
        b.setUp();
        try {
            double v = b.value();
            // valueAndGradient returns value + gradient[0]; recompute the gradient to separate them
            double vg = b.valueAndGradient();
            assertEquals(v, vg - lastGradient(b), 1e-9 * Math.abs(v));
        } finally {
            b.tearDown();
        }
    }

    private static double lastGradient(SecrLikelihoodBenchmark b) {
        try {
            var f = SecrLikelihoodBenchmark.class.getDeclaredField("gradient");
            f.setAccessible(true);
            return ((double[]) f.get(b))[0];
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
