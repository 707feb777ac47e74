package org.secr4j.tracks;

import org.secr4j.util.Checks;

/**
 * Variance of the encounter rate \( n/L = \sum n_k / \sum l_k \) over \(K\) samplers (routes with
 * effort \(l_k\), or cameras with camera-days), Fewster et al. (2009), Biometrics 65:225–236.
 */
public enum EncounterRateVariance {
    /**
     * Random placement (design-based):
     * \( \widehat{\mathrm{var}}_{R2} = \frac{K}{L^2 (K-1)} \sum_{k=1}^K l_k^2 \left(\frac{n_k}{l_k} - \frac{n}{L}\right)^2 \).
     */
    R2,
    /**
     * Systematic parallel samplers in their spatial order (overlapping post-strata of neighbours):
     * \( \widehat{\mathrm{var}}_{O2} = \frac{2K}{L^2 (K-1)} \sum_{k=1}^{K-1}
     * \left(\frac{l_k l_{k+1}}{l_k + l_{k+1}}\right)^2 \left(\frac{n_k}{l_k} - \frac{n_{k+1}}{l_{k+1}}\right)^2 \).
     */
    O2;

    /**
     * The variance of \( n/L \).
     *
     * @param effort \(l_k\) in sampler order (spatial order for O2)
     * @param counts \(n_k\)
     * @throws IllegalArgumentException for fewer than two samplers, or O2 with a zero effort
     */
    public double variance(double[] effort, double[] counts) {
        int k = effort.length;
        Checks.require(counts.length == k, "%d efforts for %d counts", k, counts.length);
        Checks.require(k >= 2, "the encounter-rate variance needs at least 2 routes but got %d", k);
        double l = 0;
        double n = 0;
        for (int i = 0; i < k; i++) {
            l += effort[i];
            n += counts[i];
        }
        Checks.positive(l, "total effort");
        double sum = 0;
        if (this == R2) {
            for (int i = 0; i < k; i++) {
                double d = (effort[i] == 0 ? 0 : counts[i] / effort[i]) - n / l;
                sum += effort[i] * effort[i] * d * d;
            }
            return k / (l * l * (k - 1)) * sum;
        }
        for (int i = 0; i + 1 < k; i++) {
            Checks.require(effort[i] > 0 && effort[i + 1] > 0, "O2 needs positive effort on every sampler");
            double w = effort[i] * effort[i + 1] / (effort[i] + effort[i + 1]);
            double d = counts[i] / effort[i] - counts[i + 1] / effort[i + 1];
            sum += w * w * d * d;
        }
        return 2.0 * k / (l * l * (k - 1)) * sum;
    }
}
