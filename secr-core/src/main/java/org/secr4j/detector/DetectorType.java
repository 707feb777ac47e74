package org.secr4j.detector;

/**
 * Kinds of detector (secr's {@code detector()}).
 *
 * <ul>
 *   <li>{@link #MULTI}: multi-catch trap; an animal is caught at most once per occasion, traps
 *       compete (competing-hazards likelihood).</li>
 *   <li>{@link #SINGLE}: single-catch trap; fitted with the multi-catch likelihood, as secr does
 *       (with a warning recorded in the fit).</li>
 *   <li>{@link #PROXIMITY}: binary proximity detector (camera trap, hair snare): at most one
 *       detection per animal, detector and occasion.</li>
 *   <li>{@link #COUNT}: count proximity detector: Poisson ({@code binomN = 0}) or binomial counts.</li>
 *   <li>{@link #POLYGON}: an area searched (a polygon); each detection has a location inside it and an
 *       animal may be detected any number of times per occasion (Poisson counts; Efford 2011).</li>
 *   <li>{@link #POLYGON_X}: an area searched, at most one detection per animal per occasion over all
 *       polygons (secr's {@code polygonX}; competing hazards, as multi-catch traps).</li>
 *   <li>{@link #TRANSECT}, {@link #TRANSECT_X}: a line searched (e.g. a snow-track route), each
 *       detection located on it; Poisson counts or at most one per occasion.</li>
 * </ul>
 *
 * <p>Polygons and transects are <em>search</em> detectors: their hazard at an animal's centre is the
 * detection function integrated over the area or line (see
 * {@link org.secr4j.detector.DetectorArray#ofSearchAreas}).
 *
 * <p>Immutable; thread-safe.
 */
public enum DetectorType {
    MULTI("multi"), SINGLE("single"), PROXIMITY("proximity"), COUNT("count"), POLYGON("polygon"),
    POLYGON_X("polygonX"), TRANSECT("transect"), TRANSECT_X("transectX");

    private final String secrName;

    DetectorType(String secrName) {
        this.secrName = secrName;
    }

    /** secr's name for the type ({@code "multi"}, {@code "proximity"}, {@code "polygonX"}, ...). */
    public String secrName() {
        return secrName;
    }

    /** Whether an animal can be detected at most once per occasion (traps). */
    public boolean isTrap() {
        return this == MULTI || this == SINGLE;
    }

    /** Whether the detector is an area or a line searched, each detection with its own location. */
    public boolean isSearch() {
        return isPolygon() || isTransect();
    }

    /** Whether the detector is an area searched ({@code polygon}, {@code polygonX}). */
    public boolean isPolygon() {
        return this == POLYGON || this == POLYGON_X;
    }

    /** Whether the detector is a line searched ({@code transect}, {@code transectX}). */
    public boolean isTransect() {
        return this == TRANSECT || this == TRANSECT_X;
    }

    /**
     * Whether an animal is detected at most once per occasion over all detectors, the detectors
     * competing for it: traps and the exclusive search detectors.
     */
    public boolean isExclusive() {
        return isTrap() || this == POLYGON_X || this == TRANSECT_X;
    }

    /** Parses secr's name, case-insensitively; the message lists the valid names. */
    public static DetectorType parse(String name) {
        for (DetectorType t : values()) {
            if (t.secrName().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown detector type '" + name
                + "'; valid: multi, single, proximity, count, polygon, polygonX, transect, transectX");
    }
}
