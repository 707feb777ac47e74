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
 *   <li>{@link #TRANSIENT} {@code B}: transient response, TRUE on the occasion after a detection
 *       (anywhere);</li>
 *   <li>{@link #DETECTOR_LEARNED} {@code bk}: detector-specific learned response, TRUE at a detector
 *       on the occasions after the animal's first detection there;</li>
 *   <li>{@link #DETECTOR_TRANSIENT} {@code Bk}: detector-specific transient response, TRUE at a
 *       detector on the occasion after the animal was detected there;</li>
 *   <li>{@link #SITE_LEARNED} {@code k}: site learned response, TRUE at a detector on the occasions
 *       after its first detection of any animal;</li>
 *   <li>{@link #SITE_TRANSIENT} {@code K}: site transient response, TRUE at a detector on the
 *       occasion after it detected any animal;</li>
 *   <li>{@link #DETECTOR_COVARIATE}: a covariate of the detectors (a column of the traps file,
 *       numeric or a factor coded by treatment contrasts; detection parameters only), or a
 *       detector × time covariate whose columns {@code <name>_occ1}, … give its value per occasion.
 *       It has no formula name of its own.</li>
 *   <li>{@link #GROUP} {@code g}: the group of the animal (secr's {@code groups}: combinations of
 *       levels of individual factor covariates, each a separate population), for D and detection;</li>
 *   <li>{@link #INDIVIDUAL_COVARIATE}: a covariate of the detected animals (numeric or a factor;
 *       detection parameters of a conditional-likelihood model, as in secr).</li>
 *   <li>{@link #TIME_COVARIATE}, {@link #SESSION_COVARIATE}: a column of the time covariates (one
 *       value per occasion) or the session covariates (one per session), secr's {@code timecov} and
 *       {@code sessioncov} ({@link ExtraCovariates}; detection parameters only).</li>
 *   <li>{@link #MIXTURE} {@code h2}: two-class finite mixture (latent classes 1, 2, or the levels
 *       of the {@code hcov} individual covariate, e.g. sex F, M);</li>
 *   <li>{@link #X}, {@link #Y} {@code x}, {@code y}: the mask point's coordinates standardised by the
 *       mean and standard deviation (n − 1 divisor) of the session's fitting mask, as secr scales
 *       them; {@link #X2} {@code x2} \( = x^2 \), {@link #Y2} {@code y2} \( = y^2 \), {@link #XY}
 *       {@code xy} \( = xy \) of the standardised values (density only);</li>
 *   <li>{@link #MASK_COVARIATE}: a covariate of the mask named in a D formula (numeric, or a factor
 *       coded by treatment contrasts; density only). It has no formula name of its own.</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public enum DesignVariable {
    SESSION("session", true, true, true), SESSION_TREND("Session", false, true, true), OCCASION("t", true, false, true),
    OCCASION_TREND("T", false, false, true), LEARNED("b", true, false, true), TRANSIENT("B", true, false, true),
    DETECTOR_LEARNED("bk", true, false, true), DETECTOR_TRANSIENT("Bk", true, false, true),
    SITE_LEARNED("k", true, false, true), SITE_TRANSIENT("K", true, false, true),
    DETECTOR_COVARIATE("<detector covariate>", false, false, true), TIME_COVARIATE("<time covariate>", false, false, true),
    INDIVIDUAL_COVARIATE("<individual covariate>", false, false, true), GROUP("g", true, true, true),
    SESSION_COVARIATE("<session covariate>", false, false, true), MIXTURE("h2", true, false, true),
    X("x", false, true, false), Y("y", false, true, false), X2("x2", false, true, false), Y2("y2", false, true, false),
    XY("xy", false, true, false), MASK_COVARIATE("<mask covariate>", false, true, false);

    private final String name;
    private final boolean factor;
    private final boolean densityAllowed;
    private final boolean detectionAllowed;

    DesignVariable(String name, boolean factor, boolean densityAllowed, boolean detectionAllowed) {
        this.name = name;
        this.factor = factor;
        this.densityAllowed = densityAllowed;
        this.detectionAllowed = detectionAllowed;
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

    /** Whether detection parameters (and pmix) may use it (they do not vary over the mask). */
    public boolean allowedForDetection() {
        return detectionAllowed;
    }

    /** Whether its value belongs to a mask point (x, y, x2, y2, xy and mask covariates). */
    public boolean isSpatial() {
        return !detectionAllowed;
    }

    /** Whether its value differs between detectors (bk, Bk, k, K and detector covariates). */
    public boolean byDetector() {
        return this == DETECTOR_LEARNED || this == DETECTOR_TRANSIENT || this == SITE_LEARNED || this == SITE_TRANSIENT
                || this == DETECTOR_COVARIATE;
    }

    /** Whether it is a covariate named by the data (mask or detector covariate) rather than built in. */
    public boolean isCovariate() {
        return this == MASK_COVARIATE || this == DETECTOR_COVARIATE || this == TIME_COVARIATE || this == SESSION_COVARIATE
                || this == INDIVIDUAL_COVARIATE;
    }

    /** The response bit of {@link Context#responses()} this variable reads, or 0. */
    public int responseBit() {
        return switch (this) {
            case TRANSIENT -> Context.TRANSIENT;
            case DETECTOR_LEARNED -> Context.DETECTOR_LEARNED;
            case DETECTOR_TRANSIENT -> Context.DETECTOR_TRANSIENT;
            case SITE_LEARNED -> Context.SITE_LEARNED;
            case SITE_TRANSIENT -> Context.SITE_TRANSIENT;
            default -> 0;
        };
    }

    /** The variable named {@code name} (case-sensitive, as in secr), or null; covariates are not named here. */
    public static DesignVariable byName(String name) {
        for (DesignVariable v : values()) {
            if (!v.isCovariate() && v.name.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
