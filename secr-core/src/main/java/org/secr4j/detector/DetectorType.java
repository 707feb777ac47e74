package org.secr4j.detector;

import java.util.Locale;

/**
 * Kinds of point detector (secr's {@code detector()}).
 *
 * <ul>
 *   <li>{@link #MULTI}: multi-catch trap; an animal is caught at most once per occasion, traps
 *       compete (competing-hazards likelihood).</li>
 *   <li>{@link #SINGLE}: single-catch trap; fitted with the multi-catch likelihood, as secr does
 *       (with a warning recorded in the fit).</li>
 *   <li>{@link #PROXIMITY}: binary proximity detector (camera trap, hair snare): at most one
 *       detection per animal, detector and occasion.</li>
 *   <li>{@link #COUNT}: count proximity detector: Poisson ({@code binomN = 0}) or binomial counts.</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public enum DetectorType {
    MULTI, SINGLE, PROXIMITY, COUNT;

    /** secr's name for the type ({@code "multi"}, {@code "single"}, {@code "proximity"}, {@code "count"}). */
    public String secrName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an animal can be detected at most once per occasion (traps). */
    public boolean isTrap() {
        return this == MULTI || this == SINGLE;
    }

    /** Parses secr's name, case-insensitively; the message lists the valid names. */
    public static DetectorType parse(String name) {
        for (DetectorType t : values()) {
            if (t.secrName().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown detector type '" + name
                + "'; valid: multi, single, proximity, count");
    }
}
