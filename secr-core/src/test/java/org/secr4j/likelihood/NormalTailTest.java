package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalTailTest {
    /**
     * Against commons-math's erfc, relative, near the centre: each has errors of a few 1e-15 there (this
     * series up to 8.5e-15 just below z = 2, against 40-digit values).
     */
    static final double RELATIVE = 2e-14;
    /** Against 40-digit values (mpmath), relative. */
    static final double EXACT = 2e-15;
    /**
     * The conditioning of Q far out: \( d\log Q/dz \approx -z \), so the rounding of the argument in either
     * implementation (\( z^2/2 \), \( z/\sqrt2 \)) moves Q by about \( z^2 \) ulps; this many relative units per
     * \( z^2 \) are added to {@link #RELATIVE}.
     */
    static final double PER_Z_SQUARED = 4e-16;

    private static double commonsMath(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    @Test
    void upperTailMatchesCommonsMathsErfcToRelativePrecisionInBothTails() { // z up to 30: Q above 1e-198
        for (double z = -9; z <= 30; z += 0.00731) {
            double expected = commonsMath(z);
            assertEquals(expected, NormalTail.upper(z), (RELATIVE + PER_Z_SQUARED * z * z) * expected, "z = " + z);
        }
        for (double z : new double[] {1.9999999999999998, 2, 2.0000000000000004, 1e-300, 0.5, 7.25}) {
            assertEquals(commonsMath(z), NormalTail.upper(z), (RELATIVE + PER_Z_SQUARED * z * z) * commonsMath(z), "z = " + z);
        }
    }

    /** Standard normal upper tails to 16 significant digits, as tabulated (R: {@code pnorm(z, lower.tail = FALSE)}). */
    @Test
    void upperTailEqualsTabulatedValues() {
        assertEquals(0.5, NormalTail.upper(0), 0);
        assertEquals(0.1586552539314571, NormalTail.upper(1), 1e-15 * 0.16);
        assertEquals(0.02275013194817921, NormalTail.upper(2), 1e-14 * 0.023);
        assertEquals(2.866515718791939e-07, NormalTail.upper(5), 1e-13 * 2.9e-7);
        assertEquals(7.619853024160527e-24, NormalTail.upper(10), 1e-13 * 7.6e-24);
    }

    /** 40-digit values: mpmath 1.x, {@code erfc(z / sqrt(2)) / 2} at 40 decimal digits, rounded to 17. */
    @Test
    void upperTailEqualsFortyDigitValuesToAFewUlps() {
        double[][] zq = {{0.5, 0.3085375387259869}, {1.5, 0.066807201268858066}, {1.99, 0.023295467750211822},
            {2.5, 0.0062096653257761352}, {4, 3.1671241833119921e-5}, {8, 6.2209605742717841e-16},
            {15, 3.6709661993127509e-51}, {25, 3.0566967063825609e-138}, {35, 1.1249107064724062e-268}};
        for (double[] p : zq) {
            assertEquals(p[1], NormalTail.upper(p[0]), EXACT * p[1], "z = " + p[0]);
        }
    }

    @Test
    void upperTailIsOneMinusItsMirrorAndLimitsAtTheInfinities() {
        for (double z : new double[] {0.3, 1.7, 2.5, 4}) {
            assertEquals(1 - NormalTail.upper(z), NormalTail.upper(-z), 0, "z = " + z);
        }
        assertEquals(0, NormalTail.upper(Double.POSITIVE_INFINITY), 0);
        assertEquals(1, NormalTail.upper(Double.NEGATIVE_INFINITY), 0);
        assertEquals(0, NormalTail.upper(41), 0, "phi underflows");
        assertEquals(true, Double.isNaN(NormalTail.upper(Double.NaN)));
    }

    @Test
    void densityIsTheStandardNormalDensity() {
        assertEquals(1 / Math.sqrt(2 * Math.PI), NormalTail.density(0), 1e-16);
        assertEquals(Math.exp(-2) / Math.sqrt(2 * Math.PI), NormalTail.density(-2), 1e-17);
    }
}
