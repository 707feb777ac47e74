package org.secr4j.design;

/**
 * Where a real parameter is evaluated: session (0-based), occasion (0-based; ignored by D),
 * learned-response state ({@code b}), mixture class (0-based; 0 without a mixture), detector
 * (0-based, or -1 where no detector is meant, e.g. a prediction) and the other behavioural states as
 * bits of {@code responses}: {@link #TRANSIENT} ({@code B}), {@link #DETECTOR_LEARNED} ({@code bk}),
 * {@link #DETECTOR_TRANSIENT} ({@code Bk}), {@link #SITE_LEARNED} ({@code k}) and
 * {@link #SITE_TRANSIENT} ({@code K}).
 */
public record Context(int session, int occasion, boolean caught, int mixture, int detector, int responses) {
    /** {@code B}: the animal was detected on the previous occasion (anywhere). */
    public static final int TRANSIENT = 1;
    /** {@code bk}: the animal was detected at this detector on an earlier occasion. */
    public static final int DETECTOR_LEARNED = 2;
    /** {@code Bk}: the animal was detected at this detector on the previous occasion. */
    public static final int DETECTOR_TRANSIENT = 4;
    /** {@code k}: some animal was detected at this detector on an earlier occasion. */
    public static final int SITE_LEARNED = 8;
    /** {@code K}: some animal was detected at this detector on the previous occasion. */
    public static final int SITE_TRANSIENT = 16;

    /** A context at no particular detector, with no behavioural response but {@code b}. */
    public Context(int session, int occasion, boolean caught, int mixture) {
        this(session, occasion, caught, mixture, -1, 0);
    }

    /** A context of mixture class 0. */
    public Context(int session, int occasion, boolean caught) {
        this(session, occasion, caught, 0);
    }

    /** Whether response bit {@code bit} is set. */
    public boolean has(int bit) {
        return (responses & bit) != 0;
    }
}
