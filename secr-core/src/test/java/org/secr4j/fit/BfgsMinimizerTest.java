package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quasi-Newton minimiser: convergence, and where it stops when the objective cannot resolve a decrease. */
class BfgsMinimizerTest {
    /** Accuracy of the minimiser's answer on a smooth objective. */
    private static final double LOCATION_TOLERANCE = 1e-6;
    /** The amplitude of {@link #noisy}'s rounding noise, as a sum of many rounded terms has (relative 1e-12 of 1000). */
    private static final double NOISE = 1e-9;

    /** Rosenbrock's function, \( 100(y - x^2)^2 + (1 - x)^2 \), minimum 0 at (1, 1). */
    private static double rosenbrock(double[] x, double[] g) {
        double a = x[1] - x[0] * x[0];
        double b = 1 - x[0];
        g[0] = -400 * x[0] * a - 2 * b;
        g[1] = 200 * a;
        return 100 * a * a + b * b;
    }

    /**
     * \( 1000 + \sum_i (i + 1)(x_i - 1)^2 \) plus a deterministic noise in [0, {@link #NOISE}) that depends on x,
     * and the quadratic's gradient with noise of the same size: near the minimum its values, like a
     * likelihood's, differ by rounding more than by the decrease a step promises.
     */
    private static double noisy(double[] x, double[] g) {
        SplittableRandom noise = new SplittableRandom(Arrays.hashCode(x));
        double f = quadratic(x, g);
        for (int i = 0; i < x.length; i++) {
            g[i] += NOISE * noise.nextDouble();
        }
        return f + NOISE * noise.nextDouble();
    }

    /** {@link #noisy} without the noise. */
    private static double quadratic(double[] x, double[] g) {
        double f = 1000;
        for (int i = 0; i < x.length; i++) {
            f += (i + 1) * (x[i] - 1) * (x[i] - 1);
            g[i] = 2 * (i + 1) * (x[i] - 1);
        }
        return f;
    }

    /** {@code f}, counting its calls in {@code calls[0]}. */
    private static Objective counted(Objective f, int[] calls) {
        return (x, g) -> {
            calls[0]++;
            return f.valueAndGradient(x, g);
        };
    }

    @Test
    void rosenbrocksValleyIsDescendedToItsMinimum() {
        BfgsMinimizer.Result r = new BfgsMinimizer(500, 1e-8).minimize(BfgsMinimizerTest::rosenbrock,
                new double[] {-1.2, 1});
        assertTrue(r.converged(), r.message());
        assertEquals(1, r.x()[0], LOCATION_TOLERANCE);
        assertEquals(1, r.x()[1], LOCATION_TOLERANCE);
    }

    @Test
    void aSearchWhoseStepsPromiseLessThanTheRoundingNoiseStopsThere() {
        int[] calls = {0};
        Objective f = counted(BfgsMinimizerTest::noisy, calls);
        // a gradient tolerance below the gradient's noise: once a step promises less than
        // RESOLUTION * 1000 = 1e-10 the Armijo test compares noise, and the search must end there
        BfgsMinimizer.Result r = new BfgsMinimizer(200, 1e-12).minimize(f, new double[] {3, -2, 0.5});
        assertEquals("no further decrease", r.message());
        assertTrue(r.converged(), "the gradient is below the square root of the tolerance: " + r);
        assertTrue(calls[0] <= 30, calls[0] + " calls");
        for (int i = 0; i < 3; i++) {
            assertEquals(1, r.x()[i], 1e-4, "x[" + i + "]");
        }
    }

    @Test
    void aFirstStepFromASeedOfTheRightCurvatureIsAccepted() {
        int[] calls = {0};
        Objective f = counted(BfgsMinimizerTest::quadratic, calls);
        double[][] inverse = {{0.5, 0, 0}, {0, 0.25, 0}, {0, 0, 1 / 6.0}}; // the exact inverse Hessian
        double[] start = {3, -2, 0.5};
        double[] g = new double[3];
        double f0 = f.valueAndGradient(start, g);
        calls[0] = 0;
        BfgsMinimizer.Result r = new BfgsMinimizer(200, 1e-6).minimize(f, start, f0, g, inverse);
        assertEquals(1, calls[0], "the Newton step lands on the minimum");
        assertTrue(r.converged(), r.message());
    }
}
