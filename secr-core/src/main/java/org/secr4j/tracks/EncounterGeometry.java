package org.secr4j.tracks;

import org.secr4j.util.Checks;

/**
 * The mean projected width \(w\) (km) of a detector, over directions of travel distributed
 * uniformly: an animal moving \(v\) km a day meets it \( D\,v\,w \) times a day at density \(D\) per
 * km² (Cauchy–Crofton; Rowcliffe et al. 2008).
 */
public interface EncounterGeometry {
    /** Mean projected width in km. */
    double profileWidthKm();

    /** A straight or winding route of length \(L\) km: \( w = 2L/\pi \). */
    static EncounterGeometry line(double lengthKm) {
        Checks.require(lengthKm >= 0 && Double.isFinite(lengthKm), "line length must be >= 0 km but was %s", lengthKm);
        return () -> 2 * lengthKm / Math.PI;
    }

    /**
     * A camera's detection zone, a circular sector of radius \(r\) km and arc \(\theta\) radians:
     * \( w = r(2 + \theta)/\pi \).
     */
    static EncounterGeometry cameraSector(double radiusKm, double arcRadians) {
        Checks.positive(radiusKm, "detection radius (km)");
        Checks.require(arcRadians > 0 && arcRadians <= 2 * Math.PI, "detection arc must be in (0, 2π] radians but was %s",
                arcRadians);
        return () -> radiusKm * (2 + arcRadians) / Math.PI;
    }

    /**
     * Density per km² from encounters: \( D = y / (T\,v\,w) \) for \(y\) encounters in \(T\) days at
     * speed \(v\) km/day.
     */
    static double density(double encounters, double days, double speedKmPerDay, EncounterGeometry geometry) {
        Checks.positive(days, "days");
        Checks.positive(speedKmPerDay, "daily distance (km/day)");
        return encounters / (days * speedKmPerDay * geometry.profileWidthKm());
    }
}
