package org.secr4j.tracks;

import org.secr4j.util.Checks;

/**
 * One track-count route: its length, the track crossings counted, and the days over which the
 * tracks counted accumulated (see {@link TrackAge}).
 *
 * @param id route identifier (for messages and the per-route table)
 * @param stratum stratum label (one stratum: any constant)
 * @param lengthKm route length, km, \(\ge 0\)
 * @param crossings track crossings counted (animals or groups), \(\ge 0\)
 * @param trackDays days of track accumulation \(t\), \(> 0\)
 */
public record Route(String id, String stratum, double lengthKm, double crossings, double trackDays) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException for a negative or infinite length, negative crossings,
     *     crossings on a route of zero length, or non-positive track days; the message names the route
     */
    public Route {
        Checks.require(Double.isFinite(lengthKm) && lengthKm >= 0, "route %s: length must be >= 0 km but was %s", id,
                lengthKm);
        Checks.require(Double.isFinite(crossings) && crossings >= 0, "route %s: crossings must be >= 0 but was %s", id,
                crossings);
        Checks.require(!(lengthKm == 0 && crossings > 0), "route %s: %s crossings on a route of length 0 km", id,
                crossings);
        Checks.require(Double.isFinite(trackDays) && trackDays > 0,
                "route %s: days of track accumulation must be > 0 but was %s", id, trackDays);
    }

    /** Effort \( l\,t \) in km·days. */
    public double effortKmDays() {
        return lengthKm * trackDays;
    }
}
