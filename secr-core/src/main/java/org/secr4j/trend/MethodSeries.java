package org.secr4j.trend;

import org.secr4j.util.Checks;

/**
 * Yearly estimates of one method (SECR session densities, FMP densities, TRIM indices or totals),
 * with their covariance, for {@link CombinedTrend}.
 *
 * @param method the method's name (distinct within a combination)
 * @param years the years, strictly increasing
 * @param estimates positive estimates, one per year
 * @param covariance covariance matrix of the estimates (diagonal when they are independent)
 */
public record MethodSeries(String method, int[] years, double[] estimates, double[][] covariance) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException for fewer than one year, unsorted years, a non-positive
     *     estimate (naming the method and year), or a covariance of the wrong shape
     */
    public MethodSeries {
        Checks.require(years.length >= 1, "method %s has no years", method);
        Checks.require(estimates.length == years.length, "method %s: %d estimates for %d years", method,
                estimates.length, years.length);
        Checks.require(covariance.length == years.length, "method %s: covariance has %d rows for %d years", method,
                covariance.length, years.length);
        for (int j = 0; j < years.length; j++) {
            if (j > 0) {
                Checks.require(years[j] > years[j - 1], "method %s: years must increase (%d after %d)", method,
                        years[j], years[j - 1]);
            }
            Checks.require(estimates[j] > 0 && Double.isFinite(estimates[j]),
                    "method %s, year %d: estimate must be > 0 for a log-linear trend but was %s", method, years[j],
                    estimates[j]);
            Checks.require(covariance[j].length == years.length, "method %s: covariance row %d has %d columns", method,
                    j + 1, covariance[j].length);
            Checks.require(covariance[j][j] > 0, "method %s, year %d: variance must be > 0 but was %s", method, years[j],
                    covariance[j][j]);
        }
        years = years.clone();
        estimates = estimates.clone();
        double[][] c = new double[covariance.length][];
        for (int j = 0; j < c.length; j++) {
            c[j] = covariance[j].clone();
        }
        covariance = c;
    }

    /** Independent estimates with standard errors. */
    public static MethodSeries independent(String method, int[] years, double[] estimates, double[] se) {
        Checks.require(se.length == years.length, "method %s: %d SEs for %d years", method, se.length, years.length);
        double[][] c = new double[se.length][se.length];
        for (int j = 0; j < se.length; j++) {
            c[j][j] = se[j] * se[j];
        }
        return new MethodSeries(method, years, estimates, c);
    }

    /** Covariance of the log estimates (delta method): \( C_{jk} / (y_j y_k) \). */
    double[][] logCovariance() {
        double[][] out = new double[years.length][years.length];
        for (int j = 0; j < years.length; j++) {
            for (int k = 0; k < years.length; k++) {
                out[j][k] = covariance[j][k] / (estimates[j] * estimates[k]);
            }
        }
        return out;
    }
}
