package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;

/**
 * The fused pass in the hazard form (HHN, \( h = \lambda_0 f \)): multi-catch and count atoms
 * \( \log h \), proximity atoms \( \log(e^h - 1) \), against the general kernel, which computes the same
 * likelihood atom by atom: a {@code lambda0 ~ t} model with every occasion effect 0 is the constant model
 * but runs the general kernel (five parameter combinations).
 */
class HazardHalfNormalKernelTest {
    private static final Tolerance FUSED_VS_GENERAL = HazardAtomKernelTest.FUSED_VS_GENERAL;
    /**
     * Under local evaluation the fused pass keeps the pairs within the radius in a disc, the general
     * kernel in a square (pairs with \( \lambda_0 f \) below 1e-12 more): with lambda0 = 3, 1.8e-11 apart.
     */
    private static final Tolerance FUSED_VS_GENERAL_LOCAL = Tolerance.relative("fused (disc) vs general (square)", 1e-10);
    /** The gradient under local evaluation: the sigma component weights the far pairs by \( d^2/\sigma^2 \) (8e-9 apart). */
    private static final Tolerance FUSED_VS_GENERAL_LOCAL_GRADIENT = new Tolerance("fused (disc) vs general (square) gradient",
            1e-7, 1.0);
    private static final Tolerance FUSED_VS_GENERAL_GRADIENT = HazardAtomKernelTest.FUSED_VS_GENERAL_GRADIENT;

    /** The survey of {@link HazardAtomKernelTest} simulated with HHN, lambda0 = 0.3. */
    private static CaptureHistory survey(DetectorType type, long seed) {
        return HazardAtomKernelTest.survey(DetectionFunction.HHN, 0.3, type, seed);
    }

    /** D = 6/ha, lambda0 = 0.3 (or {@code lambda0}), sigma = 16 m; no D with the conditional likelihood. */
    private static double[] constantBeta(LikelihoodType type, double lambda0) {
        return type == LikelihoodType.FULL ? new double[] {Math.log(6), Math.log(lambda0), Math.log(16)}
                : new double[] {Math.log(lambda0), Math.log(16)};
    }

    /**
     * lambda0 = 3 puts the proximity atoms near the detectors above the series range (h up to 3), where
     * they take \( \log(1 - e^{-h}) + h \); lambda0 = 0.3 keeps most of them within it.
     */
    @ParameterizedTest(name = "{0} {1} local {2} lambda0 {3}")
    @CsvSource({"PROXIMITY, FULL, false, 0.3", "PROXIMITY, FULL, true, 0.3", "PROXIMITY, CONDITIONAL, false, 3",
        "PROXIMITY, FULL, true, 3", "PROXIMITY, FULL, false, 3", "MULTI, FULL, false, 0.3", "MULTI, CONDITIONAL, true, 0.3", "SINGLE, FULL, true, 3",
        "COUNT, FULL, false, 0.3", "COUNT, CONDITIONAL, true, 0.3"})
    void fusedHazardFormGivesTheGeneralKernelsLikelihoodAndGradient(DetectorType type, LikelihoodType lt, boolean local,
            double lambda0) {
        CaptureHistory ch = survey(type, 31);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        // lambda0~t cannot collapse counts over occasions, so both report the uncollapsed constant
        LikelihoodOptions o = LikelihoodOptions.defaults().with(lt).withLocalEvaluation(local).withFastProximity(false);
        ParameterLayout constant = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HHN, lt);
        ParameterLayout time = ParameterLayout.bind(ModelSpec.of("lambda0~t"), DetectionFunction.HHN, lt, Map.of(), ch);
        HazardAtomKernelTest.assertFusedMatchesGeneral(ch, mask, o, constant, time, "lambda0.t", constantBeta(lt, lambda0),
                local ? FUSED_VS_GENERAL_LOCAL : FUSED_VS_GENERAL,
                local ? FUSED_VS_GENERAL_LOCAL_GRADIENT : FUSED_VS_GENERAL_GRADIENT, type + " fused");
    }

    /**
     * Proximity detections collapsed over occasions (the default, secr's fastproximity) change the
     * log-likelihood by a constant of the data only: the same gradient, the same difference at two β.
     */
    @Test
    void collapsedProximityDetectionsChangeTheHazardFormsLikelihoodByAConstant() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, 33);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HHN, LikelihoodType.FULL);
        assertCollapsingChangesOnlyTheConstant(ch, mask, layout, constantBeta(LikelihoodType.FULL, 0.3),
                constantBeta(LikelihoodType.FULL, 2), FUSED_VS_GENERAL_GRADIENT, FUSED_VS_GENERAL);
    }

    /**
     * Asserts that secr's fast proximity form (detections collapsed over occasions) and the occasion-by-occasion
     * form of the fused pass have the same gradient at {@code b1} and log-likelihoods that differ by the same
     * constant (more than 1: the binomial coefficients and ties) at {@code b1} and {@code b2}.
     */
    static void assertCollapsingChangesOnlyTheConstant(CaptureHistory ch, HabitatMask mask, ParameterLayout layout,
            double[] b1, double[] b2, Tolerance gradient, Tolerance constant) {
        LikelihoodOptions o = LikelihoodOptions.defaults();
        try (SecrLikelihood collapsed = SecrLikelihood.of(ch, List.of(mask), layout, o);
                SecrLikelihood perOccasion = SecrLikelihood.of(ch, List.of(mask), layout, o.withFastProximity(false))) {
            assertEquals(List.of("scalar"), collapsed.kernels());
            double[] g1 = new double[b1.length];
            double[] g2 = new double[b1.length];
            double shift1 = perOccasion.valueAndGradient(b1, g1) - collapsed.valueAndGradient(b1, g2);
            for (int j = 0; j < b1.length; j++) {
                gradient.assertClose(g1[j], g2[j], "gradient " + j);
            }
            double shift2 = perOccasion.value(b2) - collapsed.value(b2);
            assertTrue(Math.abs(shift1) > 1, "the per-occasion constant differs: " + shift1);
            constant.assertClose(shift1, shift2, "the constant at two parameter values");
        }
    }

    /** The hazard form has no vector kernel: with the vector kernel allowed, the fused pass is the scalar one. */
    @Test
    void hazardFormRunsTheScalarPassWhenTheVectorKernelIsAllowed() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, 32);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HHN, LikelihoodType.FULL);
        double[] beta = constantBeta(LikelihoodType.FULL, 0.3);
        LikelihoodOptions v = LikelihoodOptions.defaults().withVectorMinimumPairs(0);
        try (SecrLikelihood scalar = SecrLikelihood.of(ch, List.of(mask), layout, v.withVectorKernel(false));
                SecrLikelihood allowed = SecrLikelihood.of(ch, List.of(mask), layout, v);
                SecrLikelihood two = SecrLikelihood.of(ch, List.of(mask), layout, v.withThreads(2))) {
            assertEquals(List.of("scalar"), allowed.kernels());
            double[] g1 = new double[3];
            double[] g2 = new double[3];
            double[] g3 = new double[3];
            double v1 = scalar.valueAndGradient(beta, g1);
            assertEquals(v1, allowed.valueAndGradient(beta, g2), 0.0);
            assertEquals(v1, two.valueAndGradient(beta, g3), 0.0, "two threads: the same bits");
            for (int j = 0; j < 3; j++) {
                assertEquals(g1[j], g2[j], 0.0);
                assertEquals(g1[j], g3[j], 0.0, "two threads: the same bits");
            }
        }
    }
}
