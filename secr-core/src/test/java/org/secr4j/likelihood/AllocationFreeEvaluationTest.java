package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.TestSurveys;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ExtraCovariates;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;

/**
 * Issue #4, item 6: after warm-up, an evaluation of the likelihood ({@code value}, {@code valueAndGradient})
 * on one thread allocates nothing on the heap — every working array, parameter object and design row is
 * made once, with the likelihood. Measured with the JVM's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), which counts every object
 * the calling thread allocates, compiled or interpreted.
 *
 * <p>The Vector API kernel too, both modes (where the runtime has it; else these cases run the scalar
 * one): it keeps its vectors in registers only if C2 inlines all of its vector arithmetic and keeps no
 * vector for a deoptimization, so its lane loops call no method of ours with vector arguments (a helper
 * C2 left as a call had its vectors boxed on every call) and blend rather than branch where a vector
 * stays live (behind a branch, the multi-catch ratio was boxed on every lane group). {@code MemoryProbe}
 * in {@code benchmarks} measures large surveys in fresh JVMs.
 */
class AllocationFreeEvaluationTest {
    private static final int WARM_UP = 200;
    private static final int MEASURED = 20;
    /**
     * At most this many measurement windows, stopping at the first that allocates nothing; the least is
     * asserted, so that a one-off allocation of the JVM's own on this thread (the counter's first use, a
     * deoptimization) or a kernel still running before C2 has compiled it (late on a loaded machine)
     * does not fail the test, while an evaluation that allocates shows in every window. 40, not 10: in one
     * run (2026-11-23) C2 finished the vector kernel only in the tenth window (35.9 MB in each of the nine
     * before, 1.8 MB in the tenth), which failed the test; a kernel that is compiled stops the loop at once.
     */
    private static final int WINDOWS = 40;

    /** One model: a history, its masks, a bound layout and the options. */
    private record Case(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout, LikelihoodOptions options) {}

    private static Arguments of(String name, Supplier<Case> c) {
        return Arguments.of(name, c);
    }

    private static Case single(CaptureHistory ch, ParameterLayout l, LikelihoodOptions o) {
        return new Case(ch, List.of(TestSurveys.mask(ch.session(0).detectors())), l, o);
    }

    /** The test survey with these detectors and seed, the constant half-normal model, full likelihood. */
    private static Case constantHn(DetectorType type, long seed, LikelihoodOptions o) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, seed);
        return single(ch, ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL), o);
    }

    /** A search-detector survey of {@link SearchDetectorLikelihoodTest}, its mask, the constant model. */
    private static Case search(DetectorType type, CaptureHistory ch, DetectionFunction fn) {
        return new Case(ch, List.of(SearchDetectorLikelihoodTest.mask()),
                ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL), LikelihoodOptions.defaults());
    }

    static Stream<Arguments> models() {
        LikelihoodOptions full = LikelihoodOptions.defaults();
        return Stream.of(
                of("proximity, constant (fused kernel)", () -> constantHn(DetectorType.PROXIMITY, 3, full)),
                of("proximity, constant, vector kernel",
                        () -> constantHn(DetectorType.PROXIMITY, 13, full.withVectorMinimumPairs(0))),
                of("proximity, constant, local, vector kernel",
                        () -> constantHn(DetectorType.PROXIMITY, 14, full.withVectorMinimumPairs(0).withLocalEvaluation(true))),
                of("proximity, failed cameras, vector kernel (weighted hazard sums)", () -> {
                    CaptureHistory ch = UsageKernelTest.survey(DetectorType.PROXIMITY, DetectionFunction.HN,
                            UsageKernelTest.Pattern.FAILURES, 17);
                    return single(ch, ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL),
                            full.withVectorMinimumPairs(0));
                }),
                of("multi-catch, constant, vector kernel", () -> constantHn(DetectorType.MULTI, 15, full.withVectorMinimumPairs(0))),
                of("multi-catch, constant, local", () -> constantHn(DetectorType.MULTI, 4, full.withLocalEvaluation(true))),
                of("proximity, constant HHN, local (fused kernel, hazard form)", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HHN, 0, 16);
                    return single(ch, ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HHN, LikelihoodType.FULL),
                            full.withLocalEvaluation(true));
                }),
                of("multi-catch, g0~b, hazard rate (general kernel)", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HR, 0, 5);
                    return single(ch, ParameterLayout.bind(ModelSpec.of("g0~b"), DetectionFunction.HR, LikelihoodType.FULL,
                            Map.of(), ch), full);
                }),
                of("proximity, g0~b, half-normal (general kernel, bounded reach)", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 5);
                    return single(ch, ParameterLayout.bind(ModelSpec.of("g0~b"), DetectionFunction.HN, LikelihoodType.FULL,
                            Map.of(), ch), full);
                }),
                of("proximity, h2 mixture (the fused pass per class)", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 6);
                    return single(ch, ParameterLayout.bind(ModelSpec.of("g0~h2", "sigma~h2", "pmix~h2"), DetectionFunction.HN,
                            LikelihoodType.FULL, Map.of(), ch), full);
                }),
                of("multi, h2 mixture with a learned response (general kernel)", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 6);
                    return single(ch, ParameterLayout.bind(ModelSpec.of("g0~h2+b", "pmix~h2"), DetectionFunction.HN,
                            LikelihoodType.FULL, Map.of(), ch), full);
                }),
                of("count, conditional, g0~bk with partial support", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.COUNT, DetectionFunction.HN, 0, 7);
                    return single(ch, ParameterLayout.bind(ModelSpec.of("g0~bk", "sigma~k"), DetectionFunction.HN,
                            LikelihoodType.CONDITIONAL, Map.of(), ch), LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL));
                }),
                of("groups D~g, g0~g, binomial", () -> {
                    CaptureHistory ch = IndividualCovariateTest.survey(DetectorType.MULTI, 31);
                    return single(ch, GroupTest.bind("D~g;g0~g", ch, LikelihoodType.FULL), full.with(PopulationDistribution.BINOMIAL));
                }),
                of("individual covariate classes, conditional", () -> {
                    CaptureHistory ch = IndividualCovariateTest.survey(DetectorType.PROXIMITY, 32);
                    return single(ch, GroupTest.bind("sigma~g", ch, LikelihoodType.CONDITIONAL),
                            LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL));
                }),
                of("density surface D~x+y, binomial", () -> {
                    CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 8);
                    HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
                    return new Case(ch, List.of(mask), DensitySurfaceTest.bind("D~x+y", ch, mask),
                            full.with(PopulationDistribution.BINOMIAL));
                }),
                of("polygonX rectangles, HHN (closed form from column and row factors)", () -> search(DetectorType.POLYGON_X,
                        SearchDetectorLikelihoodTest.history(DetectorType.POLYGON_X), DetectionFunction.HHN)),
                of("polygon, not rectangles, HEX (edge-wise quadrature)", () -> search(DetectorType.POLYGON,
                        SearchDetectorLikelihoodTest.history(DetectorType.POLYGON,
                                SearchDetectorLikelihoodTest.pentagons(DetectorType.POLYGON)), DetectionFunction.HEX)),
                of("transectX, HHN (closed form per segment)", () -> search(DetectorType.TRANSECT_X,
                        SearchDetectorLikelihoodTest.history(DetectorType.TRANSECT_X), DetectionFunction.HHN)),
                of("two sessions, D~session, g0~Session", () -> {
                    CaptureHistory ch = FormulaGradientTest.twoSessions(DetectorType.PROXIMITY, DetectionFunction.HN);
                    List<HabitatMask> masks = List.of(TestSurveys.mask(ch.session(0).detectors()),
                            TestSurveys.mask(ch.session(1).detectors()));
                    return new Case(ch, masks, ParameterLayout.bind(ModelSpec.of("D~session", "g0~Session"), DetectionFunction.HN,
                            LikelihoodType.FULL, Map.of(), ch), full);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void anEvaluationAfterWarmUpAllocatesNothing(String name, Supplier<Case> model) {
        Case c = model.get();
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
                "this JVM counts allocated bytes per thread");
        double[] beta = ResponseAndDetectorCovariateTest.beta(c.layout(), 5);
        double[] gradient = new double[beta.length];
        try (SecrLikelihood lik = SecrLikelihood.of(c.history(), c.masks(), c.layout(), c.options())) {
            double v = 0;
            for (int i = 0; i < WARM_UP; i++) {
                v += lik.value(beta) + lik.valueAndGradient(beta, gradient);
            }
            long least = Long.MAX_VALUE;
            StringBuilder windows = new StringBuilder();
            for (int w = 0; w < WINDOWS && least > 0; w++) {
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < MEASURED; i++) {
                    v += lik.value(beta) + lik.valueAndGradient(beta, gradient);
                }
                long bytes = bean.getCurrentThreadAllocatedBytes() - before;
                least = Math.min(least, bytes);
                windows.append(' ').append(bytes);
            }
            assertTrue(Double.isFinite(v), name + ": finite log-likelihood");
            assertEquals(0, least, name + ": bytes allocated by " + 2 * MEASURED + " evaluations, in each window:" + windows);
        }
    }
}
