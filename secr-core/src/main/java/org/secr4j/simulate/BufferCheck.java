package org.secr4j.simulate;

import org.secr4j.detector.DetectorArray;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.util.Checks;

/**
 * Is the mask buffer wide enough? (the idea of secr's {@code bias.D} and {@code suggest.buffer}).
 * Animals centred beyond the buffer \(w\) are still detected, but a model fitted on a mask of
 * buffer \(w\) places them inside it: \( \hat D \approx n / a_w \) with \( E(n) = D a_\infty \), so
 * the relative bias is \( a_\infty/a_w - 1 \), where \(a_w\) is the effective sampling area over
 * a mask of buffer \(w\) ({@link ExpectedCounts#esaHectares}); \(a_\infty\) is taken at a buffer
 * where the detection function is negligible (12σ for HN/HHN and EX/HEX, 25σ for the heavy-tailed
 * hazard-rate functions); masks of spacing σ/4.
 */
public final class BufferCheck {
    /** secr's default target for suggest.buffer: relative bias 0.1%. */
    public static final double DEFAULT_TARGET = 0.001;

    private BufferCheck() {}

    /** The relative bias of \( \hat D \) from a mask of buffer {@code bufferMetres} (mask spacing σ/4). */
    public static double relativeBias(DetectorArray detectors, int occasions, DetectionFunction fn, double a,
            double sigma, double z, double bufferMetres) {
        Checks.positive(bufferMetres, "buffer (m)");
        return new Profile(detectors, occasions, fn, a, sigma, z).relativeBias(bufferMetres);
    }

    /**
     * The narrowest buffer, in steps of σ/2 from σ, whose relative bias is at most {@code target}.
     *
     * @throws IllegalArgumentException if no buffer up to the far buffer meets the target
     */
    public static double suggestBuffer(DetectorArray detectors, int occasions, DetectionFunction fn, double a,
            double sigma, double z, double target) {
        Checks.require(target > 0, "target relative bias must be > 0 but was %s", target);
        Profile p = new Profile(detectors, occasions, fn, a, sigma, z);
        for (double w = sigma; w < p.far; w += sigma / 2) {
            if (p.relativeBias(w) <= target) {
                return w;
            }
        }
        throw new IllegalArgumentException(Checks.format(
                "no buffer below %.0f m gives relative bias <= %s for %s with sigma %s m", p.far, target, fn, sigma));
    }

    /** p.(x) over a wide mask, with each point's distance to the nearest detector. */
    private static final class Profile {
        final double far;
        final double[] nearest;
        final double[] pdot;
        final double total;

        Profile(DetectorArray detectors, int occasions, DetectionFunction fn, double a, double sigma, double z) {
            far = (fn == DetectionFunction.HR || fn == DetectionFunction.HHR ? 25 : 12) * sigma;
            HabitatMask mask = HabitatMask.around(detectors, far, sigma / 4);
            pdot = ExpectedCounts.detectionProbabilities(detectors, occasions, mask, fn, a, sigma, z);
            nearest = new double[mask.size()];
            double sum = 0;
            for (int m = 0; m < mask.size(); m++) {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < detectors.size(); k++) {
                    best = Math.min(best, Math.hypot(mask.x(m) - detectors.x(k), mask.y(m) - detectors.y(k)));
                }
                nearest[m] = best;
                sum += pdot[m];
            }
            total = sum;
        }

        double relativeBias(double buffer) {
            double within = 0;
            for (int m = 0; m < pdot.length; m++) {
                if (nearest[m] <= buffer) {
                    within += pdot[m];
                }
            }
            return total / within - 1;
        }
    }
}
