package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * The fused pass for multi-catch traps and Poisson counts (per-detector atoms \( \log h_k \), the
 * competing hazards' Q atom, per-animal reach) against the general kernel, which computes the
 * same likelihood atom by atom: a {@code g0 ~ t} model with every occasion effect 0 is the
 * constant model but runs the general kernel (five parameter combinations).
 */
class HazardAtomKernelTest {
    /** Fused vs general kernel: the same terms summed in another order, some by series. */
    static final Tolerance FUSED_VS_GENERAL = Tolerance.relative("fused vs general kernel", 1e-11);
    /** Gradient components (absolute scale 1: components near 0 differ by rounding of O(1) sums). */
    static final Tolerance FUSED_VS_GENERAL_GRADIENT = new Tolerance("fused vs general gradient", 1e-9, 1.0);

    private static CaptureHistory survey(DetectorType type, long seed) {
        return survey(DetectionFunction.HN, 0.25, type, seed);
    }

    /**
     * A 10 x 9 grid of {@code type} detectors at 20 m, 5 occasions, D = 6/ha in a 60 m buffer, detection
     * function {@code fn} with intercept {@code a} (g0 or lambda0) and sigma = 16 m.
     */
    static CaptureHistory survey(DetectionFunction fn, double a, DetectorType type, long seed) {
        DetectorArray det = CaptureSimulator.grid(type, 10, 9, 20, 0, 0);
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.poisson(HabitatMask.around(det, 60, 5), 6, r);
        return CaptureHistory.of(CaptureSimulator.of(fn, a, 16, 0, 0).simulate("1", pop, det, 5, r));
    }

    private static double[] constantBeta(LikelihoodType type) {
        return type == LikelihoodType.FULL ? new double[] {Math.log(6), -1.1, Math.log(16)} : new double[] {-1.1, Math.log(16)};
    }

    /**
     * The coefficients of a model with occasion effects (named {@code effectPrefix}…) equal to {@code beta}
     * of the constant model: every effect 0, the others in order.
     */
    static double[] timeBeta(ParameterLayout time, double[] beta, String effectPrefix) {
        double[] b = new double[time.size()];
        List<String> names = time.coefficientNames();
        int j = 0;
        for (int i = 0; i < b.length; i++) {
            b[i] = names.get(i).startsWith(effectPrefix) ? 0 : beta[j++];
        }
        return b;
    }

    /**
     * Asserts that the gradient {@code general} of the model with occasion effects ({@code effectPrefix}…)
     * agrees with {@code fused}, the constant model's, at every coefficient but the effects (the converse of
     * {@link #timeBeta(ParameterLayout, double[], String)}).
     */
    static void assertGradientsAgreeBesideEffects(ParameterLayout time, String effectPrefix, double[] general,
            double[] fused, Tolerance tolerance) {
        List<String> names = time.coefficientNames();
        for (int i = 0, j = 0; i < general.length; i++) {
            if (!names.get(i).startsWith(effectPrefix)) {
                tolerance.assertClose(general[i], fused[j], "gradient " + names.get(i));
                j++;
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} local {2}")
    @CsvSource({"MULTI, FULL, false", "MULTI, CONDITIONAL, false", "MULTI, FULL, true", "SINGLE, FULL, false",
        "COUNT, FULL, false", "COUNT, CONDITIONAL, true"})
    void fusedHazardAtomsGiveTheGeneralKernelsLikelihoodAndGradient(DetectorType type, LikelihoodType lt, boolean local) {
        CaptureHistory ch = survey(type, 21);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        // g0~t cannot collapse counts over occasions, so both report the uncollapsed constant
        LikelihoodOptions o = LikelihoodOptions.defaults().with(lt).withLocalEvaluation(local).withFastProximity(false);
        ParameterLayout constant = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, lt);
        ParameterLayout time = ParameterLayout.bind(ModelSpec.of("g0~t"), DetectionFunction.HN, lt, Map.of(), ch);
        assertFusedMatchesGeneral(ch, mask, o, constant, time, "g0.t", constantBeta(lt), FUSED_VS_GENERAL,
                FUSED_VS_GENERAL_GRADIENT, type + " fused");
    }

    /**
     * Asserts that a model of the fused pass ({@code fusedLayout}) and the same likelihood through the general
     * kernel ({@code generalLayout}: the same model with occasion effects {@code effectPrefix}…, all 0) agree in
     * value and gradient at {@code beta}; that the value alone is the value of value and gradient; and that
     * the fused gradient matches central differences (relative step 1e-5).
     */
    static void assertFusedMatchesGeneral(CaptureHistory ch, HabitatMask mask, LikelihoodOptions o,
            ParameterLayout fusedLayout, ParameterLayout generalLayout, String effectPrefix, double[] beta,
            Tolerance value, Tolerance gradient, String what) {
        try (SecrLikelihood fused = SecrLikelihood.of(ch, List.of(mask), fusedLayout, o);
                SecrLikelihood general = SecrLikelihood.of(ch, List.of(mask), generalLayout, o)) {
            assertEquals(List.of("scalar"), fused.kernels(), what);
            assertEquals(List.of("general"), general.kernels(), what);
            double vf = assertSameAsWithZeroEffects(fused, general, effectPrefix, beta, value, gradient, what);
            assertEquals(vf, fused.value(beta), 0.0, "the value alone is the value of value and gradient");
            Tolerance.assertGradientMatchesCentralDifferences(fused, beta, 1e-5, what);
        }
    }

    /**
     * Asserts that {@code model} at {@code beta} and {@code withEffects} (the same model with occasion effects
     * {@code effectPrefix}…, all 0) give the same finite value and, beside the effects, the same gradient;
     * returns the value.
     */
    static double assertSameAsWithZeroEffects(SecrLikelihood model, SecrLikelihood withEffects, String effectPrefix,
            double[] beta, Tolerance value, Tolerance gradient, String what) {
        ParameterLayout layout = withEffects.layout();
        double[] bt = timeBeta(layout, beta, effectPrefix);
        double[] gm = new double[beta.length];
        double[] ge = new double[bt.length];
        double vm = model.valueAndGradient(beta, gm);
        double ve = withEffects.valueAndGradient(bt, ge);
        assertTrue(Double.isFinite(vm), "finite log-likelihood");
        value.assertClose(ve, vm, "logLik, " + what);
        assertGradientsAgreeBesideEffects(layout, effectPrefix, ge, gm, gradient);
        return vm;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MULTI", "COUNT"})
    void vectorAndScalarHazardAtomsAgreeAndThreadsAreBitIdentical(DetectorType type) {
        CaptureHistory ch = survey(type, 22);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        double[] beta = constantBeta(LikelihoodType.FULL);
        LikelihoodOptions v = LikelihoodOptions.defaults().withVectorMinimumPairs(0);
        try (SecrLikelihood scalar = SecrLikelihood.of(ch, List.of(mask), layout, v.withVectorKernel(false));
                SecrLikelihood scalar2 = SecrLikelihood.of(ch, List.of(mask), layout, v.withVectorKernel(false).withThreads(2));
                SecrLikelihood vector = SecrLikelihood.of(ch, List.of(mask), layout, v);
                SecrLikelihood vector2 = SecrLikelihood.of(ch, List.of(mask), layout, v.withThreads(2))) {
            VectorKernelTest.assertVectorMatchesScalar(scalar, scalar2, vector, vector2, beta);
        }
    }

    @Test
    void vectorKernelRunsFromItsMinimumSizeOnly() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, 23);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        long pairs = SecrLikelihood.pairs(ch, List.of(mask));
        assertEquals((long) ch.session(0).detectors().size() * mask.size(), pairs);
        assertTrue(pairs < LikelihoodOptions.DEFAULT_VECTOR_MINIMUM_PAIRS, "a small survey");
        LikelihoodOptions d = LikelihoodOptions.defaults();
        assertFalse(d.usesVectorKernel(pairs), "below the minimum: scalar");
        assertEquals(LikelihoodOptions.vectorKernelAvailable(), d.withVectorMinimumPairs(pairs).usesVectorKernel(pairs));
        assertFalse(d.withVectorMinimumPairs(0).withVectorKernel(false).usesVectorKernel(pairs), "not allowed");
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, d)) {
            assertEquals(List.of("scalar"), l.kernels());
        }
    }
}
