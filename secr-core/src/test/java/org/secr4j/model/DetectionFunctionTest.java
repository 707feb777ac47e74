package org.secr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secr4j.Tolerance;

class DetectionFunctionTest {
    private static final double A = 0.3;
    private static final double SIGMA = 25;
    private static final double Z = 3;

    @ParameterizedTest
    @EnumSource(DetectionFunction.class)
    void valueAtZeroDistanceIsTheIntercept(DetectionFunction fn) {
        assertEquals(A, fn.value(0, A, SIGMA, Z), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(DetectionFunction.class)
    void valueDoesNotIncreaseWithDistance(DetectionFunction fn) {
        double previous = fn.value(0, A, SIGMA, Z);
        for (double d = 1; d < 500; d += 3.7) {
            double v = fn.value(d, A, SIGMA, Z);
            assertTrue(v <= previous && v >= 0, fn + " at " + d);
            previous = v;
        }
    }

    @ParameterizedTest
    @EnumSource(DetectionFunction.class)
    void analyticGradientMatchesCentralDifferences(DetectionFunction fn) {
        for (double d : new double[] {3, 17, 25, 40, 90}) {
            double[] g = fn.gradient(d, A, SIGMA, Z);
            double[] p = {A, SIGMA, Z};
            for (int j = 0; j < (fn.hasShape() ? 3 : 2); j++) {
                double h = 1e-6 * p[j];
                double[] up = p.clone();
                double[] dn = p.clone();
                up[j] += h;
                dn[j] -= h;
                double fd = (fn.value(d, up[0], up[1], up[2]) - fn.value(d, dn[0], dn[1], dn[2])) / (2 * h);
                new Tolerance("detection function gradient", 1e-6, 1e-6).assertClose(fd, g[j], fn + " d=" + d + " param " + j);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DetectionFunction.class)
    void logShapeStaysFiniteFarAway(DetectionFunction fn) {
        double[] out = new double[4];
        fn.shape(1e8, SIGMA, Z, out);
        assertTrue(Double.isFinite(out[1]) && out[1] < -10, fn + " log f far away: " + out[1]);
    }

    @ParameterizedTest
    @EnumSource(DetectionFunction.class)
    void parsesNameAndSecrCode(DetectionFunction fn) {
        assertEquals(fn, DetectionFunction.parse(fn.name().toLowerCase(java.util.Locale.ROOT)));
        assertEquals(fn, DetectionFunction.parse(Integer.toString(fn.secrCode())));
    }
}
