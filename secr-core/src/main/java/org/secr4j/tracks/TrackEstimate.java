package org.secr4j.tracks;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * An estimate with SE, CV, degrees of freedom and a log-normal 95% interval
 * \( (\hat\theta/C, \hat\theta C) \), \( C = \exp\{t_{df,0.975}\sqrt{\ln(1+\mathrm{CV}^2)}\} \)
 * (Buckland et al. 2001, eq. 3.71–3.72).
 */
public record TrackEstimate(double estimate, double se, double df, double lcl, double ucl) {
    /** Builds the interval from the estimate, its CV and df (infinite df: normal quantile). */
    public static TrackEstimate of(double estimate, double cv, double df) {
        double q = Double.isInfinite(df) || df > 1e6 ? 1.959963984540054
                : new TDistribution(Math.max(df, 1)).inverseCumulativeProbability(0.975);
        double c = Math.exp(q * Math.sqrt(Math.log(1 + cv * cv)));
        return new TrackEstimate(estimate, estimate * cv, df, estimate / c, estimate * c);
    }

    /** SE / estimate. */
    public double cv() {
        return se / estimate;
    }

    /** This estimate (a density per km²) per 100 km². */
    public TrackEstimate per100Km2() {
        return new TrackEstimate(estimate * 100, se * 100, df, lcl * 100, ucl * 100);
    }

    /**
     * Satterthwaite degrees of freedom of a product of independent components:
     * \( df = \mathrm{CV}^4 / \sum_i \mathrm{CV}_i^4/df_i \) with \( \mathrm{CV}^2 = \sum_i \mathrm{CV}_i^2 \).
     */
    public static double satterthwaite(double[] cv, double[] df) {
        double total = 0;
        double denom = 0;
        for (int i = 0; i < cv.length; i++) {
            total += cv[i] * cv[i];
            if (cv[i] > 0) {
                denom += Math.pow(cv[i], 4) / df[i];
            }
        }
        return denom == 0 ? Double.POSITIVE_INFINITY : total * total / denom;
    }
}
