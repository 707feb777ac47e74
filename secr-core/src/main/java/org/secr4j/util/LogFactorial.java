package org.secr4j.util;

/**
 * \( \log n! \) for integers \( n \ge 0 \), from {@link Math#log} alone.
 *
 * <p>Up to {@value #PRODUCT_MAX} (the largest n whose n! is a finite double) it is the log of the product
 * \( 2 \cdot 3 \cdots n \) formed in doubles: exact up to 22!, and each further product rounds by half an
 * ulp at most, so the log is within \( n\,2^{-53} \) (2e-14 at n = 170) of the true value. Beyond, Stirling's
 * series for \( \log\Gamma(x) \), \( x = n + 1 \ge 171 \) (Abramowitz &amp; Stegun 1964, 6.1.41):
 * \[ \log\Gamma(x) = (x - \tfrac12)\log x - x + \tfrac12\log 2\pi + \frac{1}{12x} - \frac{1}{360x^3} + \dots, \]
 * whose next term, \( 1/(1260x^5) \), is below 5e-15 there: under half an ulp of \( \log\Gamma(x) \ge 706 \).
 *
 * <p>Why not commons-math's {@code Gamma.logGamma}: its first call initialises {@code FastMath}'s tables,
 * about 12 ms of a fresh JVM's time (measured with the launcher's class-data archive), which a likelihood
 * built for one small fit pays in full. Its values agree with this class to 1e-14 relative
 * ({@code LogFactorialTest}).
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class LogFactorial {
    /** The largest n whose n! is a finite double (171! overflows). */
    static final int PRODUCT_MAX = 170;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private LogFactorial() {}

    /** \( \log n! \); n must be at least 0. */
    public static double of(long n) {
        if (n < 0) { // not Checks.require: its varargs would box n on every call, and likelihoods call this per evaluation
            throw new IllegalArgumentException(Checks.format("log n! needs n >= 0 but n was %d", n));
        }
        if (n <= PRODUCT_MAX) {
            double p = 1;
            for (int k = 2; k <= n; k++) {
                p *= k;
            }
            return Math.log(p);
        }
        double x = n + 1.0;
        double r = 1 / x;
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + r * (1.0 / 12 - r * r / 360);
    }
}
