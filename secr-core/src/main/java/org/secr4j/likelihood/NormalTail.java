package org.secr4j.likelihood;

/**
 * The standard normal upper tail \( Q(z) = 1 - \Phi(z) \) to near double precision, relative in both tails,
 * without allocating: the closed forms of search detectors ({@link SearchIntegrals}) take it for every mask
 * column, row or point in every evaluation, where commons-math's {@code Erf.erfc} allocates a continued
 * fraction object per call.
 *
 * <ul>
 *   <li>\( 0 \le z < 2 \): \( Q(z) = \tfrac12 - \phi(z)\sum_{n \ge 0} z^{2n+1}/(2n+1)!! \), a series of positive
 *       terms (Marsaglia 2004, <i>J. Stat. Softw.</i> 11(4)); \( Q \ge 0.0227 \) there, so the subtraction keeps
 *       about 15 digits.</li>
 *   <li>\( z \ge 2 \): Laplace's continued fraction for Mills' ratio,
 *       \( Q(z) = \phi(z)/(z + 1/(z + 2/(z + 3/(z + \dots)))) \), by the modified Lentz method.</li>
 *   <li>\( z < 0 \): \( Q(z) = 1 - Q(-z) \).</li>
 * </ul>
 * Stateless; thread-safe.
 */
final class NormalTail {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Below this z the series, above it the continued fraction. */
    private static final double SWITCH = 2;
    /** Relative size of the last series term, or distance of the last Lentz factor from 1, at which to stop. */
    private static final double EPSILON = 1e-17;
    /** Stand-in for a zero denominator in the Lentz recurrences. */
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 1000;

    private NormalTail() {}

    /** \( \phi(z) = e^{-z^2/2}/\sqrt{2\pi} \). */
    static double density(double z) {
        return Math.exp(-z * z / 2) * INV_SQRT_2PI;
    }

    /** \( Q(z) = 1 - \Phi(z) \); 1 and 0 at the infinities, NaN for NaN. */
    static double upper(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        if (z < 0) {
            return 1 - upper(-z);
        }
        if (z < SWITCH) {
            double term = z;
            double sum = z;
            double z2 = z * z;
            for (int n = 1; n < MAX_TERMS && term > EPSILON * sum; n++) {
                term *= z2 / (2 * n + 1);
                sum += term;
            }
            return 0.5 - density(z) * sum;
        }
        if (z > 40) {
            return 0; // phi(40) = 1.5e-348 underflows
        }
        double f = z;
        double c = z;
        double d = 0;
        for (int k = 1; k < MAX_TERMS; k++) {
            d = z + k * d;
            d = 1 / (d == 0 ? TINY : d);
            c = z + k / c;
            if (c == 0) {
                c = TINY;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return density(z) / f;
    }
}
