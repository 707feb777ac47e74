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

    /**
     * The hazard-rate shape at \( r = (d/\sigma)^{-z} \) from 1e-12 to 20, on both sides of
     * {@link DetectionFunction#SERIES_BELOW}, against the closed forms with {@code expm1} (accurate to an ulp
     * or two where \( r \) is small): \( f = -\mathrm{expm1}(-r) \), \( \log f \), and
     * \( \partial\log f/\partial\log\sigma = z\,r/\mathrm{expm1}(r) \), \( \partial\log f/\partial\log z =
     * \log r \cdot r/\mathrm{expm1}(r) \). The series branch is exact to rounding; above it \( 1 - e^{-r} \)
     * loses at most \( \epsilon/r \approx 2\cdot 10^{-14} \) relative.
     */
    @ParameterizedTest
    @EnumSource(value = DetectionFunction.class, names = {"HR", "HHR"})
    void hazardRateShapeMatchesItsClosedFormOnBothSidesOfTheSeries(DetectionFunction fn) {
        Tolerance shape = Tolerance.relative("hazard-rate shape against expm1", 2e-14);
        double[] out = new double[4];
        int series = 0;
        for (double lr = -12; lr <= 1.3; lr += 0.01) {
            double d = SIGMA * Math.pow(10, -lr / Z);
            fn.shape(d * d, SIGMA, Z, out);
            double logr = -Z * (0.5 * Math.log(d * d) - Math.log(SIGMA));
            double r = Math.exp(logr);
            double f = -Math.expm1(-r);
            double ratio = r / Math.expm1(r);
            series += r <= DetectionFunction.SERIES_BELOW ? 1 : 0;
            String at = fn + " r=" + r;
            shape.assertClose(f, out[0], at + " f");
            shape.assertClose(Math.log(f), out[1], at + " log f");
            shape.assertClose(Z * ratio, out[2], at + " dlog f/dlog sigma");
            shape.assertClose(logr * ratio, out[3], at + " dlog f/dlog z");
        }
        assertTrue(series > 900 && series < 1330, "points in the series range: " + series);
    }

    @ParameterizedTest
    @EnumSource(DetectionFunction.class)
    void parsesNameAndSecrCode(DetectionFunction fn) {
        assertEquals(fn, DetectionFunction.parse(fn.name().toLowerCase(java.util.Locale.ROOT)));
        assertEquals(fn, DetectionFunction.parse(Integer.toString(fn.secrCode())));
    }
}
