package org.secr4j.tracks;

import java.util.List;
import org.secr4j.util.Checks;

/**
 * The random encounter model for unmarked animals (Rowcliffe, Field, Turvey &amp; Carbone 2008,
 * J. Appl. Ecol. 45:1228): \( \hat D = \frac{\sum_k y_k}{\bar v \sum_k T_k w_k} \) per km², with
 * \(y_k\) independent encounters at sampler \(k\) in \(T_k\) days, day range \(\bar v\) (km/day) and
 * the sampler's mean projected width \(w_k\) ({@link EncounterGeometry}: \( r(2+\theta)/\pi \) for a
 * camera). \( \mathrm{CV}^2 = \mathrm{CV}^2_{ER} + \mathrm{CV}^2(\bar v) \), encounter-rate variance
 * on effort \(T_k w_k\). A route of length \(L\) is a sampler of width \(2L/\pi\), and then this
 * is exactly {@link Fmp}.
 */
public final class Rem {
    private Rem() {}

    /** One sampler: encounters in a number of days with its detection geometry. */
    public record Sampler(String id, double encounters, double days, EncounterGeometry geometry) {
        public Sampler {
            Checks.require(encounters >= 0 && Double.isFinite(encounters), "sampler %s: encounters must be >= 0 but was %s",
                    id, encounters);
            Checks.require(days >= 0 && Double.isFinite(days), "sampler %s: days must be >= 0 but was %s", id, days);
            Checks.require(!(days == 0 && encounters > 0), "sampler %s: %s encounters in 0 days", id, encounters);
        }
    }

    /**
     * Density per km².
     *
     * @throws IllegalArgumentException for fewer than two samplers or no effort
     */
    public static TrackEstimate estimate(List<Sampler> samplers, DailyDistance dayRange, EncounterRateVariance variance) {
        double[] effort = new double[samplers.size()];
        double[] counts = new double[samplers.size()];
        double sumE = 0;
        double sumY = 0;
        for (int k = 0; k < effort.length; k++) {
            Sampler s = samplers.get(k);
            effort[k] = s.days() * s.geometry().profileWidthKm();
            counts[k] = s.encounters();
            sumE += effort[k];
            sumY += counts[k];
        }
        Checks.require(sumE > 0, "REM needs some effort (days × width > 0)");
        double er = sumY / sumE;
        double cvEr = er > 0 ? Math.sqrt(variance.variance(effort, counts)) / er : 0;
        double cvV = dayRange.cv();
        double df = TrackEstimate.satterthwaite(new double[] {cvEr, cvV},
                new double[] {samplers.size() - 1.0, dayRange.df()});
        return TrackEstimate.of(er / dayRange.meanKm(), Math.sqrt(cvEr * cvEr + cvV * cvV), df);
    }
}
