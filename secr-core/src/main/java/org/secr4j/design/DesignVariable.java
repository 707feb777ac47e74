package org.secr4j.design;

/**
 * Built-in variables of secr's model formulas that this version binds.
 *
 * <ul>
 *   <li>{@link #SESSION} {@code session}: factor, one level per session (treatment contrasts);</li>
 *   <li>{@link #SESSION_TREND} {@code Session}: numeric session index 0, 1, …;</li>
 *   <li>{@link #OCCASION} {@code t}: factor, one level per occasion;</li>
 *   <li>{@link #OCCASION_TREND} {@code T}: numeric occasion index 0, 1, …;</li>
 *   <li>{@link #LEARNED} {@code b}: learned response, TRUE on occasions after an animal's first
 *       detection in the session (detection parameters only; p· always uses the naive value);</li>
 *   <li>{@link #MIXTURE} {@code h2}: two-class finite mixture (latent classes 1, 2, or the levels
 *       of the {@code hcov} individual covariate, e.g. sex F, M).</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public enum DesignVariable {
    SESSION("session", true, true), SESSION_TREND("Session", false, true), OCCASION("t", true, false),
    OCCASION_TREND("T", false, false), LEARNED("b", true, false), MIXTURE("h2", true, false);

    private final String name;
    private final boolean factor;
    private final boolean densityAllowed;

    DesignVariable(String name, boolean factor, boolean densityAllowed) {
        this.name = name;
        this.factor = factor;
        this.densityAllowed = densityAllowed;
    }

    /** The name used in formulas. */
    public String formulaName() {
        return name;
    }

    public boolean isFactor() {
        return factor;
    }

    /** Whether D may use it (D does not vary by occasion or learned response). */
    public boolean allowedForDensity() {
        return densityAllowed;
    }

    /** The variable named {@code name} (case-sensitive, as in secr), or null. */
    public static DesignVariable byName(String name) {
        for (DesignVariable v : values()) {
            if (v.name.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
