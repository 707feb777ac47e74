package org.secr4j.tracks;

import java.util.function.DoubleUnaryOperator;
import org.secr4j.util.Checks;

/**
 * Days of track accumulation \(t\) for FMP under the usual field rules.
 *
 * <ul>
 *   <li>Two visits: the route is walked, tracks are marked or erased, and walked again the next
 *       day: \( t = 1 \).</li>
 *   <li>Days since snowfall, capped by how long a track stays countable in that month:
 *       \( t = \min(\text{days}, \text{longevity}) \).</li>
 *   <li>A persistence curve \(S(a)\), the probability that a track of age \(a\) days is still
 *       recognised: \( t = \int_0^{T} S(a)\,da \) (Simpson's rule, 2000 intervals), so that
 *       \( S \equiv 1 \) gives \( t = T \).</li>
 * </ul>
 */
public final class TrackAge {
    private TrackAge() {}

    /** Two-visit design: one day of tracks. */
    public static double twoVisit() {
        return 1.0;
    }

    /**
     * Days since the last snowfall, capped by the track longevity of the month.
     *
     * @throws IllegalArgumentException for non-positive days or longevity
     */
    public static double sinceSnowfall(double daysSinceSnowfall, double trackLongevityDays) {
        Checks.positive(daysSinceSnowfall, "days since snowfall");
        Checks.positive(trackLongevityDays, "track longevity (days)");
        return Math.min(daysSinceSnowfall, trackLongevityDays);
    }

    /**
     * Effective days under a persistence curve.
     *
     * @param daysSinceSnowfall \(T\)
     * @param persistence \(S(a)\), in [0, 1]
     * @throws IllegalArgumentException if \(S\) leaves [0, 1]
     */
    public static double persistence(double daysSinceSnowfall, DoubleUnaryOperator persistence) {
        Checks.positive(daysSinceSnowfall, "days since snowfall");
        int n = 2000;
        double h = daysSinceSnowfall / n;
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double s = persistence.applyAsDouble(k * h);
            Checks.require(s >= 0 && s <= 1, "persistence at age %.3f days must be in [0, 1] but was %s", k * h, s);
            sum += s * (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
