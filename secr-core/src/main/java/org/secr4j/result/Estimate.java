package org.secr4j.result;

/**
 * A derived quantity with SE and a log-normal 95% interval
 * \( \hat\theta / C, \hat\theta C \), \( C = \exp(z \sqrt{\log(1 + \mathrm{CV}^2)}) \)
 * (Burnham et al. 1987; secr's {@code derived}, {@code region.N}).
 */
public record Estimate(double estimate, double se, double lcl, double ucl) {
    /** The standard normal quantile for 95% intervals. */
    public static final double Z95 = 1.959963984540054;

    /** An estimate with a log-normal interval. */
    public static Estimate logNormal(double estimate, double se) {
        if (!(se > 0) || !(estimate > 0)) {
            return new Estimate(estimate, se, Double.NaN, Double.NaN);
        }
        double cv = se / estimate;
        double c = Math.exp(Z95 * Math.sqrt(Math.log(1 + cv * cv)));
        return new Estimate(estimate, se, estimate / c, estimate * c);
    }

    /** Coefficient of variation SE / estimate. */
    public double cv() {
        return se / estimate;
    }
}
