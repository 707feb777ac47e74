package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;

/**
 * The general kernel's bounded reach in dense evaluation ({@code SessionKernel.prepareGeneralReach}): an
 * animal's terms are not visited where a bound puts them below \( e^{-37} \) of its largest, and its
 * per-detector atoms are computed only where an animal within reach reads them. On a survey much wider than
 * σ (14 × 14 detectors 20 m apart, σ = 11 m, a 50 m buffer), where most animal–point pairs are beyond reach,
 * the result must be that of the paths that never skip: the simple kernel (a learned response of 0 is the
 * null model; half-normal shapes), local evaluation (which selects by detector, not by reach; half-normal
 * and exponential shapes) and the same model with a density surface D ~ x at a slope of 0 (no bounded reach;
 * animals detected far apart).
 */
class GeneralKernelReachTest {
    /** The same sums taken in another order, with terms below 2^-53 of each animal's sum left out. */
    private static final Tolerance SAME_SUM = Tolerance.relative("the same sums in another order", 1e-11);
    /** Gradient components by two paths (each a difference of sums). */
    private static final Tolerance SAME_GRADIENT = Tolerance.relative("the same gradient sums in another order", 1e-8);
    /** Absolute logLik difference allowed between local and dense evaluation (skipped terms below 1e-12 each). */
    private static final double LOCAL_VS_DENSE = 1e-7;
    private static final double STEP = 1e-5;

    private static HabitatMask mask(DetectorArray det) {
        return LocalEvaluationTest.mask(det);
    }

    /** {@link LocalEvaluationTest}'s survey: 14 × 14 detectors 20 m apart, σ = 10 m, 6 animals per hectare. */
    private static CaptureHistory history(DetectorType type, DetectionFunction fn, long seed) {
        return LocalEvaluationTest.history(type, fn, seed);
    }

    /** The shapes whose null model the simple kernel fits. */
    static Stream<Arguments> cases() {
        return cases(List.of(DetectionFunction.HN, DetectionFunction.HHN));
    }

    /** Every shape with a bounded reach: half-normal and exponential. */
    static Stream<Arguments> allShapes() {
        return cases(List.of(DetectionFunction.HN, DetectionFunction.HHN, DetectionFunction.EX, DetectionFunction.HEX));
    }

    private static Stream<Arguments> cases(List<DetectionFunction> functions) {
        List<Arguments> out = new ArrayList<>();
        for (DetectorType t : List.of(DetectorType.MULTI, DetectorType.PROXIMITY, DetectorType.COUNT)) {
            for (DetectionFunction fn : functions) {
                out.add(Arguments.of(t, fn));
            }
        }
        return out.stream();
    }

    private static String intercept(DetectionFunction fn) {
        return fn.isHazard() ? "lambda0" : "g0";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aLearnedResponseOfZeroGivesTheNullModelsValueAndGradient(DetectorType type, DetectionFunction fn) {
        CaptureHistory ch = history(type, fn, 41);
        HabitatMask mask = mask(ch.session(0).detectors());
        ParameterLayout nul = ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL);
        ParameterLayout b = ParameterLayout.bind(ModelSpec.of(intercept(fn) + "~b"), fn, LikelihoodType.FULL, Map.of(), ch);
        double[] beta0 = LocalEvaluationTest.beta(nul);
        double[] betaB = new double[b.size()]; // the b coefficient 0
        int[] at = new int[beta0.length];
        for (int j = 0; j < beta0.length; j++) {
            at[j] = b.coefficientNames().indexOf(nul.coefficientNames().get(j));
            betaB[at[j]] = beta0[j];
        }
        assertEquals(beta0.length + 1, betaB.length);
        // a response is reported occasion by occasion, as the null model without fastproximity (the same constant)
        LikelihoodOptions options = LikelihoodOptions.defaults().withFastProximity(false);
        try (SecrLikelihood simple = SecrLikelihood.of(ch, List.of(mask), nul, options);
                SecrLikelihood general = SecrLikelihood.of(ch, List.of(mask), b, options)) {
            double[] g0 = new double[beta0.length];
            double[] gb = new double[betaB.length];
            double v0 = simple.valueAndGradient(beta0, g0);
            double vb = general.valueAndGradient(betaB, gb);
            SAME_SUM.assertClose(v0, vb, type + " " + fn + " logLik");
            for (int j = 0; j < g0.length; j++) {
                SAME_GRADIENT.assertClose(g0[j], gb[at[j]], type + " " + fn + " gradient " + nul.coefficientNames().get(j));
            }
        }
    }

    /**
     * Animals detected at detectors far apart (to 368 m, 33σ): their bound's centroid lies far from every
     * detection, where the inertia (half-normal) or the spread J (exponential) decides their reach; beside
     * them, one detected at a single corner detector. The reference visits every point: a density surface
     * D ~ x at a slope of 0 (the same model) has no bounded reach. (Local evaluation is no reference here:
     * these animals' own g fall near its threshold.)
     */
    @ParameterizedTest
    @EnumSource(value = DetectionFunction.class, names = {"HN", "EX", "HEX"})
    void animalsDetectedFarApartKeepEveryPointTheirTermsNeed(DetectionFunction fn) {
        DetectorArray det = CaptureSimulator.grid(DetectorType.MULTI, 14, 14, 20, 0, 0);
        List<Detection> d = List.of(new Detection(0, 0, 0, 1), new Detection(0, 2, 195, 1), new Detection(0, 3, 13, 1),
                new Detection(1, 1, 0, 1), new Detection(1, 4, 195, 1), new Detection(2, 0, 182, 1));
        CaptureHistory ch = CaptureHistory.of(Session.of("1", det, 5, List.of("a", "b", "c"), null, d, null));
        HabitatMask mask = mask(det);
        String response = intercept(fn) + "~b";
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.of(response), fn, LikelihoodType.FULL, Map.of(), ch);
        ParameterLayout surface = ParameterLayout.bind(ModelSpec.of("D~x", response), fn, LikelihoodType.FULL, Map.of(),
                ch, Map.of(), null, List.of(mask));
        double[] beta = LocalEvaluationTest.beta(layout);
        double[] betaSurface = new double[surface.size()]; // the slope D.x 0
        int[] at = new int[beta.length];
        for (int j = 0; j < beta.length; j++) {
            at[j] = surface.coefficientNames().indexOf(layout.coefficientNames().get(j));
            betaSurface[at[j]] = beta[j] + (layout.coefficientNames().get(j).contains(".b") ? 0.5 : 0);
            beta[j] = betaSurface[at[j]];
        }
        try (SecrLikelihood bounded = SecrLikelihood.of(ch, List.of(mask), layout, LikelihoodOptions.defaults());
                SecrLikelihood every = SecrLikelihood.of(ch, List.of(mask), surface, LikelihoodOptions.defaults())) {
            double[] g = new double[beta.length];
            double[] gs = new double[betaSurface.length];
            SAME_SUM.assertClose(every.valueAndGradient(betaSurface, gs), bounded.valueAndGradient(beta, g), fn + " logLik");
            for (int j = 0; j < beta.length; j++) {
                SAME_GRADIENT.assertClose(gs[at[j]], g[j], fn + " gradient " + layout.coefficientNames().get(j));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allShapes")
    void responsesAgreeWithLocalEvaluationDifferencesAndTwoThreads(DetectorType type, DetectionFunction fn) {
        CaptureHistory ch = history(type, fn, 43);
        HabitatMask mask = mask(ch.session(0).detectors());
        for (String term : List.of("b", "t", "bk")) { // bk's negative corrections admit no bound: every point visited
            ParameterLayout layout = ParameterLayout.bind(ModelSpec.of(intercept(fn) + "~" + term), fn,
                    LikelihoodType.FULL, Map.of(), ch);
            double[] beta = LocalEvaluationTest.beta(layout);
            for (int j = 0; j < beta.length; j++) {
                beta[j] += layout.coefficientNames().get(j).startsWith(intercept(fn) + ".") ? 0.4 + 0.1 * j : 0;
            }
            LikelihoodOptions dense = LikelihoodOptions.defaults();
            try (SecrLikelihood d = SecrLikelihood.of(ch, List.of(mask), layout, dense);
                    SecrLikelihood d2 = SecrLikelihood.of(ch, List.of(mask), layout, dense.withThreads(2));
                    SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, dense.withLocalEvaluation(true))) {
                String what = type + " " + fn + " " + term;
                double[] gd = new double[beta.length];
                double[] gd2 = new double[beta.length];
                double[] gl = new double[beta.length];
                double vd = d.valueAndGradient(beta, gd);
                assertEquals(l.valueAndGradient(beta, gl), vd, LOCAL_VS_DENSE, what + " logLik");
                for (int j = 0; j < beta.length; j++) {
                    assertEquals(gl[j], gd[j], LOCAL_VS_DENSE, what + " gradient " + layout.coefficientNames().get(j));
                }
                if (term.equals("b")) { // (t and bk: their gradients agree with local evaluation's, checked above)
                    Tolerance.assertGradientMatchesCentralDifferences(d, beta, STEP, what);
                }
                assertEquals(vd, d2.valueAndGradient(beta, gd2), 0.0, what + ": 1 and 2 threads");
                assertArrayEquals(gd, gd2, 0.0, what + ": 1 and 2 threads");
            }
        }
    }
}
