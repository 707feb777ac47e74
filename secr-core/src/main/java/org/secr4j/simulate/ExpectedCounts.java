package org.secr4j.simulate;

import java.util.List;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.util.Checks;

/**
 * Expected counts of a survey design without simulation (Efford &amp; Boulanger 2019; secrdesign's
 * {@code Enrm}): animals detected \(n\), recaptures \(r\) (detections after an animal's first) and
 * movements \(m\) (consecutive detections of an animal at different detectors), with the rule of
 * thumb \( \mathrm{RSE}(\hat D) \approx \mathrm{CF}/\sqrt{\min(n, r)} \).
 *
 * <p>With per-detector hazards \( h_k(x) = -\log(1 - g_0 f(d_k(x))) \) (g-type) or \( \lambda_0
 * f(d_k(x)) \) (hazard type) and usage \(u_{ks}\), an animal at \(x\) is detected at all with
 * \( p_\cdot(x) = 1 - \exp(-\sum_s\sum_k u_{ks} h_k(x)) \) for every detector type, and its expected
 * number of detections \(E_x\) is \( \sum_s (1 - e^{-H_s(x)}) \), \( H_s = \sum_k u_{ks} h_k \)
 * (multi-catch, one detection per occasion), \( \sum_s \sum_k (1 - e^{-u_{ks} h_k}) \) (binary
 * proximity) or \( \sum_s\sum_k u_{ks} h_k \) (Poisson count). Then
 * \( E(n) = D \sum_m a\,p_\cdot(x_m) \), \( E(r) = D \sum_m a\,(E_{x_m} - p_\cdot(x_m)) \), over mask
 * cells of area \(a\). With usage constant over occasions, each detection after the first falls at
 * detector k with probability \( \pi_k = h_k/H \) (the additive-hazard model of secrdesign), so a
 * recapture is a movement with probability \( 1 - \sum_k \pi_k^2 \) and
 * \( E(m) = D \sum_m a\,(E_{x_m} - p_\cdot(x_m))(1 - \sum_k \pi_k^2) \), for multi-catch,
 * proximity and count detectors alike; with usage that varies over occasions \(m\) is not computed
 * (NaN). Single-catch traps are treated as multi-catch (trap saturation ignored), as in secrdesign.
 * These reproduce secrdesign's {@code Enrm} (its test values for an 8 × 8 grid, λ0 = 0.2, σ = 20 m,
 * 5 occasions, D = 5/ha; see {@code SurveyDesignTest}).
 *
 * @param animals E(n)
 * @param recaptures E(r)
 * @param movements E(m), NaN where not computed
 * @param esaHectares effective sampling area \( \sum_m a\,p_\cdot(x_m) \) (ha)
 * @param spacingOverSigma nearest-neighbour detector spacing divided by σ
 */
public record ExpectedCounts(double animals, double recaptures, double movements, double esaHectares,
        double spacingOverSigma) {

    /**
     * Expected counts for a homogeneous population of {@code densityPerHectare} over {@code mask}.
     *
     * @param a g0 or lambda0
     * @param sigma σ (m)
     * @param z shape (functions with one)
     */
    public static ExpectedCounts of(DetectorArray detectors, int occasions, HabitatMask mask, double densityPerHectare,
            DetectionFunction fn, double a, double sigma, double z) {
        Checks.require(occasions >= 1, "occasions must be >= 1 but was %d", occasions);
        Checks.require(densityPerHectare >= 0, "density must be >= 0 but was %s", densityPerHectare);
        Checks.require(a > 0 && (fn.isHazard() || a < 1), "%s must be in range but was %s", fn.intercept().secrName(), a);
        Checks.positive(sigma, "sigma");
        DetectorType type = detectors.type();
        Checks.require(!type.isSearch(), "expected counts are for point detectors, not %s", type.secrName());
        int K = detectors.size();
        boolean constantUsage = true;
        for (int k = 0; k < K && constantUsage; k++) {
            for (int s = 1; s < occasions; s++) {
                if (detectors.usage(k, s) != detectors.usage(k, 0)) {
                    constantUsage = false;
                    break;
                }
            }
        }
        boolean multi = type == DetectorType.MULTI || type == DetectorType.SINGLE;
        double[] h = new double[K];
        double sumP = 0;
        double sumR = 0;
        double sumM = 0;
        for (int m = 0; m < mask.size(); m++) {
            for (int k = 0; k < K; k++) {
                double d = Math.hypot(mask.x(m) - detectors.x(k), mask.y(m) - detectors.y(k));
                double v = fn.value(d, a, sigma, z);
                h[k] = fn.toHazard(v);
            }
            double total = 0;
            double expected = 0;
            for (int s = 0; s < occasions; s++) {
                double hs = 0;
                for (int k = 0; k < K; k++) {
                    double uh = detectors.usage(k, s) * h[k];
                    hs += uh;
                    if (type == DetectorType.PROXIMITY) {
                        expected += -Math.expm1(-uh);
                    }
                }
                total += hs;
                if (multi) {
                    expected += -Math.expm1(-hs);
                } else if (type == DetectorType.COUNT) {
                    expected += hs;
                }
            }
            double pdot = -Math.expm1(-total);
            sumP += pdot;
            sumR += expected - pdot;
            if (constantUsage && total > 0) {
                double sumPi2 = 0;
                double h0 = 0;
                for (int k = 0; k < K; k++) {
                    h0 += detectors.usage(k, 0) * h[k];
                }
                for (int k = 0; k < K; k++) {
                    double pi = detectors.usage(k, 0) * h[k] / h0;
                    sumPi2 += pi * pi;
                }
                sumM += (expected - pdot) * (1 - sumPi2);
            }
        }
        double cell = mask.cellAreaHectares();
        double movements = constantUsage ? densityPerHectare * cell * sumM : Double.NaN;
        double spacing = K > 1 ? detectors.nearestNeighbourSpacing() / sigma : Double.NaN;
        return new ExpectedCounts(densityPerHectare * cell * sumP, densityPerHectare * cell * sumR, movements,
                cell * sumP, spacing);
    }

    /** \( p_\cdot(x_m) \) at every mask point. */
    static double[] detectionProbabilities(DetectorArray detectors, int occasions, HabitatMask mask,
            DetectionFunction fn, double a, double sigma, double z) {
        double[] out = new double[mask.size()];
        for (int m = 0; m < mask.size(); m++) {
            double total = 0;
            for (int k = 0; k < detectors.size(); k++) {
                double v = fn.value(Math.hypot(mask.x(m) - detectors.x(k), mask.y(m) - detectors.y(k)), a, sigma, z);
                double h = fn.toHazard(v);
                for (int s = 0; s < occasions; s++) {
                    total += detectors.usage(k, s) * h;
                }
            }
            out[m] = -Math.expm1(-total);
        }
        return out;
    }

    /**
     * Expected counts of a population made of classes (e.g. sexes with their own σ) in
     * proportions {@code proportions}: each count is the proportion-weighted sum.
     */
    public static ExpectedCounts mixture(List<ExpectedCounts> classes, double[] proportions) {
        Checks.require(classes.size() == proportions.length && !classes.isEmpty(), "%d classes but %d proportions",
                classes.size(), proportions.length);
        double n = 0;
        double r = 0;
        double m = 0;
        double esa = 0;
        double spacing = 0;
        for (int c = 0; c < proportions.length; c++) {
            ExpectedCounts e = classes.get(c);
            n += proportions[c] * e.animals;
            r += proportions[c] * e.recaptures;
            m += proportions[c] * e.movements;
            esa += proportions[c] * e.esaHectares;
            spacing += proportions[c] * e.spacingOverSigma;
        }
        return new ExpectedCounts(n, r, m, esa, spacing);
    }

    /** Efford &amp; Boulanger's rule of thumb \( \mathrm{CF}/\sqrt{\min(E(n), E(r))} \). */
    public double rseApproximation(double correctionFactor) {
        Checks.positive(correctionFactor, "correction factor");
        return correctionFactor / Math.sqrt(Math.min(animals, recaptures));
    }
}
