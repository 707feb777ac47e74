package org.secr4j.tracks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.secr4j.util.Checks;

/**
 * Options of an FMP estimate; immutable, configured through withers from {@link #defaults()}: the
 * encounter-rate variance estimator (R2; O2 for systematic parallel routes given in spatial order),
 * an optional mean group size (tracks of groups, e.g. a female with cubs, counted once), and stratum
 * areas (km²) for abundance and for combining strata.
 */
public final class FmpOptions {
    /** Mean group size with SE and df. */
    public record GroupSize(double mean, double se, double df) {
        public GroupSize {
            Checks.require(mean >= 1 && Double.isFinite(mean), "mean group size must be >= 1 but was %s", mean);
            Checks.require(se >= 0, "SE of group size must be >= 0 but was %s", se);
            Checks.require(df > 0, "df must be > 0");
        }
    }

    private final EncounterRateVariance variance;
    private final GroupSize groupSize;
    private final Map<String, Double> areasKm2;

    private FmpOptions(EncounterRateVariance variance, GroupSize groupSize, Map<String, Double> areasKm2) {
        this.variance = variance;
        this.groupSize = groupSize;
        this.areasKm2 = areasKm2;
    }

    /** R2, no group size, no areas. */
    public static FmpOptions defaults() {
        return new FmpOptions(EncounterRateVariance.R2, null, Map.of());
    }

    public FmpOptions withVariance(EncounterRateVariance v) {
        return new FmpOptions(v, groupSize, areasKm2);
    }

    public FmpOptions withGroupSize(GroupSize g) {
        return new FmpOptions(variance, g, areasKm2);
    }

    /** With the area (km²) of a stratum. */
    public FmpOptions withArea(String stratum, double areaKm2) {
        Checks.positive(areaKm2, "area of stratum " + stratum + " (km²)");
        Map<String, Double> next = new LinkedHashMap<>(areasKm2);
        next.put(stratum, areaKm2);
        return new FmpOptions(variance, groupSize, Map.copyOf(next));
    }

    public EncounterRateVariance variance() {
        return variance;
    }

    /** The group size, or null when tracks are of single animals. */
    public GroupSize groupSize() {
        return groupSize;
    }

    public Map<String, Double> areasKm2() {
        return areasKm2;
    }
}
