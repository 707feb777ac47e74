package org.secr4j.trim;

/** TRIM's three models (TRIM 3 manual, section 2). */
public enum TrimModel {
    /** Model 1: \( \ln\mu_{ij} = \alpha_i \), no time effects. */
    NO_TIME_EFFECTS(1),
    /** Model 2: linear trend on the log scale, piecewise between changepoints. */
    LINEAR_TREND(2),
    /** Model 3: a separate effect for every time point after the first. */
    TIME_EFFECTS(3);

    private final int number;

    TrimModel(int number) {
        this.number = number;
    }

    /** TRIM's model number (1, 2 or 3). */
    public int number() {
        return number;
    }

    /**
     * The model with TRIM's number.
     *
     * @throws IllegalArgumentException unless {@code number} is 1, 2 or 3
     */
    public static TrimModel ofNumber(int number) {
        for (TrimModel m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        throw new IllegalArgumentException("TRIM model must be 1, 2 or 3 but was " + number);
    }
}
