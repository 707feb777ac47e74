package org.secr4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.apache.commons.math3.special.Gamma;
import org.secr4j.Tolerance;
import org.junit.jupiter.api.Test;

class LogFactorialTest {
    /** Both sides round: the product's n half-ulps below 170, Stirling's few operations above. */
    private static final Tolerance AGAINST_LOG_GAMMA = Tolerance.relative("log n! vs commons-math logGamma", 1e-14);
    /** Ulps of the result allowed for the rounding of the logs, this class's and the exact value's. */
    private static final int LOG_ULPS = 4;

    @Test
    void smallFactorialsAreExactLogs() {
        assertEquals(0.0, LogFactorial.of(0));
        assertEquals(0.0, LogFactorial.of(1));
        assertEquals(Math.log(2), LogFactorial.of(2));
        assertEquals(Math.log(3628800), LogFactorial.of(10));
    }

    @Test
    void agreesWithExactFactorialsUpToTheProductLimit() {
        BigInteger f = BigInteger.ONE;
        for (int n = 1; n <= LogFactorial.PRODUCT_MAX; n++) {
            f = f.multiply(BigInteger.valueOf(n));
            double exact = logOf(f);
            double got = LogFactorial.of(n);
            // the product's roundings: at most n half-ulps, relative to n!, so n 2^-53 in its log
            double bound = n * 0x1p-53 + LOG_ULPS * Math.ulp(exact);
            assertTrue(Math.abs(got - exact) <= bound, "n = " + n + ": " + got + " vs " + exact);
        }
    }

    @Test
    void stirlingSeriesAgreesWithExactFactorialsBeyondTheProductLimit() {
        BigInteger f = BigInteger.ONE;
        for (int n = 1; n <= 400; n++) {
            f = f.multiply(BigInteger.valueOf(n));
            if (n > LogFactorial.PRODUCT_MAX) {
                double exact = logOf(f);
                // Stirling's terms to x^-7: rounding of (x - 1/2) log x, a few ulps of values near 10^3
                assertEquals(exact, LogFactorial.of(n), LOG_ULPS * Math.ulp(exact), "n = " + n);
            }
        }
    }

    @Test
    void agreesWithLogGammaOfNPlusOne() {
        for (long n : new long[] {2, 5, 21, 22, 23, 100, 169, 170, 171, 172, 500, 10_000, 1_000_000, 1L << 40}) {
            AGAINST_LOG_GAMMA.assertClose(Gamma.logGamma(n + 1.0), LogFactorial.of(n), "n = " + n);
        }
    }

    @Test
    void negativeArgumentIsRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFactorial.of(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    /** The natural log of a positive BigInteger, to double precision: its top 62 bits and the shift. */
    private static double logOf(BigInteger v) {
        int shift = Math.max(0, v.bitLength() - 62);
        return Math.log(v.shiftRight(shift).doubleValue()) + shift * Math.log(2);
    }
}
