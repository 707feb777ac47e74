package org.secr4j.simulate;

import java.util.List;

/**
 * secrdesign-style summary of a scenario's replicates, over the usable ones (converged, with an
 * interval): with \( \hat D_r \) the estimates and \(D\) the truth,
 * relative bias \( \overline{\hat D}/D - 1 \), relative RMSE \( \sqrt{\overline{(\hat D_r - D)^2}}/D \),
 * mean estimated RSE \( \overline{\mathrm{SE}_r/\hat D_r} \), empirical RSE \( \mathrm{sd}(\hat D)/\overline{\hat D} \),
 * and the coverage of the 95% intervals.
 *
 * @param scenario the scenario's name
 * @param trueDensity D (animals/ha)
 * @param replicates replicates run
 * @param usable replicates summarised
 * @param meanAnimals mean n over all replicates
 * @param meanDetections mean number of detections over all replicates
 * @param meanEstimate mean \( \hat D \)
 * @param relativeBias relative bias
 * @param relativeRmse relative RMSE
 * @param meanRse mean estimated RSE
 * @param empiricalRse empirical RSE
 * @param coverage fraction of intervals containing D
 * @param results every replicate, in replicate order
 */
public record ScenarioSummary(String scenario, double trueDensity, int replicates, int usable, double meanAnimals,
        double meanDetections, double meanEstimate, double relativeBias, double relativeRmse, double meanRse,
        double empiricalRse, double coverage, List<ReplicateResult> results) {
    public ScenarioSummary {
        results = List.copyOf(results);
    }

    /** Summarises the replicates of one scenario. */
    static ScenarioSummary of(String scenario, double trueDensity, List<ReplicateResult> results) {
        int usable = 0;
        double sumN = 0;
        double sumDet = 0;
        double sum = 0;
        double sumSq = 0;
        double sumErr2 = 0;
        double sumRse = 0;
        int covered = 0;
        for (ReplicateResult r : results) {
            sumN += r.animals();
            sumDet += r.detections();
            if (!r.usable()) {
                continue;
            }
            usable++;
            sum += r.estimate();
            sumSq += r.estimate() * r.estimate();
            sumErr2 += (r.estimate() - trueDensity) * (r.estimate() - trueDensity);
            sumRse += r.se() / r.estimate();
            if (r.lcl() <= trueDensity && trueDensity <= r.ucl()) {
                covered++;
            }
        }
        int all = results.size();
        double mean = sum / usable;
        double var = usable > 1 ? (sumSq - usable * mean * mean) / (usable - 1) : Double.NaN;
        return new ScenarioSummary(scenario, trueDensity, all, usable, sumN / all, sumDet / all, mean,
                mean / trueDensity - 1, Math.sqrt(sumErr2 / usable) / trueDensity, sumRse / usable,
                Math.sqrt(var) / mean, (double) covered / usable, results);
    }
}
