package org.secr4j.trim;

/**
 * TRIM's classification of a multiplicative trend \(m\) from its 95% interval
 * \( m \pm 1.96\,\mathrm{SE}(m) \) (TRIM 3 manual, section 3.4; thresholds 0.95 and 1.05, i.e. 5% a
 * year).
 */
public enum TrendClass {
    /** Lower limit above 1.05: an increase significantly more than 5% a year. */
    STRONG_INCREASE("Strong increase"),
    /** Lower limit above 1 (but not above 1.05). */
    MODERATE_INCREASE("Moderate increase"),
    /** Interval within [0.95, 1.05] and containing 1: no significant change, and any change is below 5%. */
    STABLE("Stable"),
    /** Interval contains 1 but reaches below 0.95 or above 1.05. */
    UNCERTAIN("Uncertain"),
    /** Upper limit below 1 (but not below 0.95). */
    MODERATE_DECLINE("Moderate decline"),
    /** Upper limit below 0.95: a decline significantly more than 5% a year. */
    STRONG_DECLINE("Strong decline");

    private final String label;

    TrendClass(String label) {
        this.label = label;
    }

    /** TRIM's wording. */
    public String label() {
        return label;
    }

    /** The class of a multiplicative slope with its standard error. */
    public static TrendClass of(double multiplicative, double se) {
        double lower = multiplicative - 1.96 * se;
        double upper = multiplicative + 1.96 * se;
        if (lower > 1.05) {
            return STRONG_INCREASE;
        }
        if (lower > 1.0) {
            return MODERATE_INCREASE;
        }
        if (upper < 0.95) {
            return STRONG_DECLINE;
        }
        if (upper < 1.0) {
            return MODERATE_DECLINE;
        }
        if (lower >= 0.95 && upper <= 1.05) {
            return STABLE;
        }
        return UNCERTAIN;
    }
}
