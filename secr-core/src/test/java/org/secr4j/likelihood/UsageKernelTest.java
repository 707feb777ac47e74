package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.secr4j.simulate.Population;

/**
 * Usage other than 1 (cameras that failed on some occasions, or never ran) through the fused pass: the base
 * of a model with one parameter combination is one weighted hazard sum \( \sum_k w_k h_k \),
 * \( w_k = \sum_s u_{ks} \) ({@link SessionKernel#hazardWeight}), however many distinct usage vectors the
 * occasions have. Checked against the general kernel, which sums the hazards occasion by occasion: a
 * {@code g0 ~ t} model with every occasion effect 0 is the constant model with one combination per occasion.
 */
class UsageKernelTest {
    /** Local evaluation: the fused pass keeps the pairs within the radius in a disc, the general kernel in a square. */
    private static final Tolerance FUSED_VS_GENERAL_LOCAL = Tolerance.relative("fused (disc) vs general (square)", 1e-10);
    private static final Tolerance FUSED_VS_GENERAL_LOCAL_GRADIENT = new Tolerance(
            "fused (disc) vs general (square) gradient", 1e-7, 1.0);
    /** The collapsed and the occasion-by-occasion likelihood differ by a constant: their gradients by rounding. */
    private static final Tolerance COLLAPSED_GRADIENT = new Tolerance("collapsed vs occasion by occasion gradient", 1e-9, 1.0);
    private static final Tolerance CONSTANT_DIFFERENCE = new Tolerance("difference of constants", 1e-9, 1.0);

    /** Which detectors ran when. */
    enum Pattern {
        /** Every 7th detector failed from occasion 3 on, every 11th was off on occasion 1, one never ran. */
        FAILURES,
        /** One detector never ran, the others ran on every occasion: the same usage vector every occasion. */
        ONE_DEAD,
        /** As {@link #FAILURES}, but every 7th detector ran half of each occasion from occasion 3 on (usage 0.5). */
        HALF,
        /** Every detector ran 3 units (days) on every occasion (counts: Poisson means 3 h). */
        THREE_DAYS
    }

    static double[][] usage(int detectors, int occasions, Pattern pattern) {
        double[][] u = new double[detectors][occasions];
        for (int k = 0; k < detectors; k++) {
            for (int s = 0; s < occasions; s++) {
                if (pattern == Pattern.THREE_DAYS) {
                    u[k][s] = 3;
                    continue;
                }
                boolean off = k == 4 || pattern != Pattern.ONE_DEAD && (k % 7 == 3 && s >= 2 || k % 11 == 5 && s == 0);
                u[k][s] = off ? (pattern == Pattern.HALF && k % 7 == 3 && s >= 2 ? 0.5 : 0) : 1;
            }
        }
        return u;
    }

    /** A 10 x 9 grid at 20 m, 5 occasions with usage by {@code pattern}, D = 6/ha in a 60 m buffer, sigma 16 m. */
    static CaptureHistory survey(DetectorType type, DetectionFunction fn, Pattern pattern, long seed) {
        return survey(type, fn, pattern, 0, seed);
    }

    /** {@link #survey(DetectorType, DetectionFunction, Pattern, long)} with counts of binomial size {@code binomN}. */
    static CaptureHistory survey(DetectorType type, DetectionFunction fn, Pattern pattern, int binomN, long seed) {
        DetectorArray grid = CaptureSimulator.grid(type, 10, 9, 20, 0, 0);
        DetectorArray det = grid.withUsage(usage(grid.size(), 5, pattern));
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.poisson(HabitatMask.around(det, 60, 5), 6, r);
        double a = fn.isHazard() ? 0.3 : 0.25;
        return CaptureHistory.of(CaptureSimulator.of(fn, a, 16, fn == DetectionFunction.HR ? 3 : 0, binomN)
                .simulate("1", pop, det, 5, r));
    }

    private static String a0(DetectionFunction fn) {
        return fn.isHazard() ? "lambda0" : "g0";
    }

    private static double[] beta(ParameterLayout layout) {
        double[] b = new double[layout.size()];
        List<String> names = layout.coefficientNames();
        for (int j = 0; j < b.length; j++) {
            b[j] = switch (names.get(j)) {
                case "D" -> Math.log(6);
                case "g0" -> -1.1;
                case "lambda0" -> Math.log(0.3);
                case "sigma" -> Math.log(16);
                case "z" -> Math.log(3);
                default -> 0;
            };
        }
        return b;
    }

    /**
     * Mask spacing 5 m: the row segments ({@link ProximityPass#column} with the detector's weight); 25 m: 12
     * points per row, too few for row lists, so the per-point pass ({@link ProximityPass#run} with the weights).
     */
    @ParameterizedTest(name = "{0} {1} {2} binomN {3} local {4} {5} spacing {6}")
    @CsvSource({"PROXIMITY, HN, FULL, 0, false, FAILURES, 5", "PROXIMITY, HN, FULL, 0, true, FAILURES, 5",
        "PROXIMITY, HN, CONDITIONAL, 0, false, ONE_DEAD, 5", "PROXIMITY, HHN, FULL, 0, false, FAILURES, 5",
        "PROXIMITY, HHN, CONDITIONAL, 0, true, ONE_DEAD, 5", "COUNT, HN, FULL, 0, true, FAILURES, 5",
        "COUNT, HHN, CONDITIONAL, 0, false, FAILURES, 5", "COUNT, HN, FULL, 1, false, FAILURES, 5",
        "COUNT, HN, FULL, 2, true, FAILURES, 5", "COUNT, HN, CONDITIONAL, 0, false, THREE_DAYS, 5",
        "PROXIMITY, HN, FULL, 0, false, FAILURES, 25", "PROXIMITY, HN, FULL, 0, true, FAILURES, 25",
        "COUNT, HN, CONDITIONAL, 0, false, FAILURES, 25"})
    void failedCamerasThroughTheFusedPassGiveTheGeneralKernelsLikelihood(DetectorType type, DetectionFunction fn,
            LikelihoodType lt, int binomN, boolean local, Pattern pattern, double spacing) {
        CaptureHistory ch = survey(type, fn, pattern, binomN, 61);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, spacing);
        // ~t cannot collapse detections over occasions, so both report the occasion-by-occasion constant
        LikelihoodOptions o = LikelihoodOptions.defaults().with(lt).withBinomN(binomN).withLocalEvaluation(local)
                .withFastProximity(false);
        ParameterLayout constant = ParameterLayout.bind(ModelSpec.constant(), fn, lt);
        ParameterLayout time = ParameterLayout.bind(ModelSpec.of(a0(fn) + "~t"), fn, lt, Map.of(), ch);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), constant, o)) {
            // the same usage at every detector: the unit sum, its coefficient 3 per occasion
            assertEquals(pattern != Pattern.THREE_DAYS, l.kernel(0).hazardWeight != null, "a weighted hazard sum");
            assertEquals(spacing < 10, l.kernel(0).segments, "row segments");
        }
        HazardAtomKernelTest.assertFusedMatchesGeneral(ch, mask, o, constant, time, a0(fn) + ".t", beta(constant),
                local ? FUSED_VS_GENERAL_LOCAL : HazardAtomKernelTest.FUSED_VS_GENERAL,
                local ? FUSED_VS_GENERAL_LOCAL_GRADIENT : HazardAtomKernelTest.FUSED_VS_GENERAL_GRADIENT,
                type + " " + fn + " " + pattern);
    }

    /** A finite mixture (h2) with failed cameras: each class's pass weighs its hazards by the usage too. */
    @Test
    void mixtureClassesWithFailedCamerasGiveTheGeneralKernelsMixture() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, Pattern.FAILURES, 62);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        LikelihoodOptions o = LikelihoodOptions.defaults().withFastProximity(false);
        ParameterLayout classes = ParameterLayout.bind(ModelSpec.of("g0~h2", "sigma~h2", "pmix~h2"), DetectionFunction.HN,
                LikelihoodType.FULL, Map.of(), ch);
        ParameterLayout time = ParameterLayout.bind(ModelSpec.of("g0~h2+t", "sigma~h2", "pmix~h2"), DetectionFunction.HN,
                LikelihoodType.FULL, Map.of(), ch);
        double[] b = beta(classes);
        List<String> names = classes.coefficientNames();
        b[names.indexOf("g0.h22")] = 1.0;
        b[names.indexOf("sigma.h22")] = 0.4;
        b[names.indexOf("pmix.h22")] = -0.3;
        HazardAtomKernelTest.assertFusedMatchesGeneral(ch, mask, o, classes, time, "g0.t", b,
                HazardAtomKernelTest.FUSED_VS_GENERAL, HazardAtomKernelTest.FUSED_VS_GENERAL_GRADIENT, "h2 with usage");
    }

    /**
     * secr's fast proximity form (detections collapsed over occasions, binomial with size \( \sum_s u_{ks} \)) has
     * the occasion-by-occasion likelihood's gradient, and a value that differs from it by a constant: the
     * binomial coefficients and the ties of the collapsed histories.
     */
    @Test
    void collapsedDetectionsDifferFromOccasionByOccasionOnesByAConstantOnly() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, Pattern.FAILURES, 63);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        double[] b1 = beta(layout);
        double[] b2 = {b1[0] + 0.3, b1[1] - 0.4, b1[2] + 0.2};
        HazardHalfNormalKernelTest.assertCollapsingChangesOnlyTheConstant(ch, mask, layout, b1, b2, COLLAPSED_GRADIENT,
                CONSTANT_DIFFERENCE);
    }

    /** Issue #4: vector and scalar kernels within 1e-12, one and two threads to the bit, with weighted sums. */
    @Test
    void vectorAndScalarWeightedSumsAgreeAndThreadsAreBitIdentical() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, Pattern.FAILURES, 64);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        for (boolean local : new boolean[] {false, true}) {
            LikelihoodOptions v = LikelihoodOptions.defaults().withVectorMinimumPairs(0).withLocalEvaluation(local);
            try (SecrLikelihood scalar = SecrLikelihood.of(ch, List.of(mask), layout, v.withVectorKernel(false));
                    SecrLikelihood scalar2 = SecrLikelihood.of(ch, List.of(mask), layout, v.withVectorKernel(false).withThreads(2));
                    SecrLikelihood vector = SecrLikelihood.of(ch, List.of(mask), layout, v);
                    SecrLikelihood vector2 = SecrLikelihood.of(ch, List.of(mask), layout, v.withThreads(2))) {
                VectorKernelTest.assertVectorMatchesScalar(scalar, scalar2, vector, vector2, beta(layout));
            }
        }
    }

    /**
     * Models outside the fused pass keep one weighted sum per base (the hazard rate, HR, and proximity usage of
     * 0.5, on the general kernel) and give the occasion-by-occasion sums' likelihood; multi-catch traps, whose
     * competing hazards are per occasion, keep those.
     */
    @Test
    void theGeneralKernelsWeightedBaseGivesTheOccasionByOccasionLikelihood() {
        HabitatMask mask = assertMergedBaseGivesTheOccasionSums(
                survey(DetectorType.PROXIMITY, DetectionFunction.HR, Pattern.FAILURES, 65), DetectionFunction.HR);
        // usage 0.5: the proximity atoms are those of half an occasion, which the fused pass does not take
        assertMergedBaseGivesTheOccasionSums(survey(DetectorType.PROXIMITY, DetectionFunction.HN, Pattern.HALF, 68),
                DetectionFunction.HN);
        LikelihoodOptions o = LikelihoodOptions.defaults().withFastProximity(false);
        CaptureHistory traps = survey(DetectorType.MULTI, DetectionFunction.HN, Pattern.FAILURES, 66);
        ParameterLayout hn = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        try (SecrLikelihood l = SecrLikelihood.of(traps, List.of(mask), hn, o)) {
            assertEquals(List.of("general"), l.kernels());
        }
        CaptureHistory unit = HazardAtomKernelTest.survey(DetectionFunction.HN, 0.25, DetectorType.PROXIMITY, 67);
        try (SecrLikelihood l = SecrLikelihood.of(unit, List.of(mask), hn, o)) {
            assertNull(l.kernel(0).hazardWeight, "unit usage: no weights");
        }
    }

    /**
     * Any usage: each camera's usage on each occasion drawn from {0, 0.5, 1} (or {0, 1}: the fused pass),
     * proximity or count detectors, and (or not) a fifth of the detected animals removed on the occasion of
     * their last detection (their bases end there, so a session has bases of several weight vectors: the general
     * kernel): the constant model gives the value and gradient of {@code g0~t} at 0, which sums the hazards
     * occasion by occasion.
     */
    @Property(tries = 24)
    void mergedBasesGiveTheOccasionByOccasionLikelihoodForAnyUsage(@ForAll @IntRange(min = 0, max = 7) int kind,
            @ForAll @IntRange(min = 1, max = 100_000) int seed) {
        DetectorType type = kind % 2 == 0 ? DetectorType.PROXIMITY : DetectorType.COUNT;
        boolean halves = (kind & 2) != 0;
        boolean removals = (kind & 4) != 0;
        SplittableRandom r = new SplittableRandom(seed);
        DetectorArray grid = CaptureSimulator.grid(type, 5, 4, 20, 0, 0);
        double[][] u = new double[grid.size()][5];
        for (double[] row : u) {
            for (int s = 0; s < row.length; s++) {
                double x = r.nextDouble();
                row[s] = x < 0.25 ? 0 : halves && x < 0.5 ? 0.5 : 1;
            }
        }
        DetectorArray det = grid.withUsage(u);
        HabitatMask mask = HabitatMask.around(det, 50, 10);
        Session sim = CaptureSimulator.of(DetectionFunction.HN, 0.3, 16, 0, 0)
                .simulate("1", Population.poisson(mask, 10, r), det, 5, r);
        int[] removed = new int[sim.animals()];
        java.util.Arrays.fill(removed, -1);
        for (Detection d : sim.detections()) {
            if (removals && d.animal() % 5 == 2) {
                removed[d.animal()] = Math.max(removed[d.animal()], d.occasion());
            }
        }
        CaptureHistory ch = CaptureHistory.of(Session.of("1", det, 5, sim.animalIds(), removed, sim.detections(),
                sim.individualCovariates()));
        String what = type + (halves ? ", usage 0, 0.5, 1" : ", usage 0, 1") + (removals ? ", removals" : "");
        assertConstantModelGivesTheOccasionSums(ch, mask, DetectionFunction.HN, (merged, byOccasion) -> {
            if (!halves && !removals) {
                assertEquals(List.of("scalar"), merged.kernels(), what);
            }
        }, what);
    }

    /**
     * Asserts that the constant model of {@code ch} (occasion-by-occasion constant) runs the general kernel with
     * one weighted base and gives the value and gradient of {@code g0~t} at 0, whose five combinations sum the
     * hazards occasion by occasion; returns the mask used.
     */
    private static HabitatMask assertMergedBaseGivesTheOccasionSums(CaptureHistory ch, DetectionFunction fn) {
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 5);
        assertConstantModelGivesTheOccasionSums(ch, mask, fn, (merged, byOccasion) -> {
            assertEquals(List.of("general"), merged.kernels());
            assertEquals(1, merged.kernel(0).pairCombo.length, "one weighted sum");
            assertEquals(5, byOccasion.kernel(0).pairCombo.length, "one sum per occasion");
        }, fn.toString());
        return mask;
    }

    /**
     * Asserts, after {@code kernels}' own checks of the two likelihoods, that the constant model of {@code ch}
     * (occasion-by-occasion constant) gives the value and gradient of {@code g0~t} at 0, which sums the hazards
     * occasion by occasion.
     */
    private static void assertConstantModelGivesTheOccasionSums(CaptureHistory ch, HabitatMask mask,
            DetectionFunction fn, BiConsumer<SecrLikelihood, SecrLikelihood> kernels, String what) {
        LikelihoodOptions o = LikelihoodOptions.defaults().withFastProximity(false);
        ParameterLayout constant = ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL);
        ParameterLayout time = ParameterLayout.bind(ModelSpec.of("g0~t"), fn, LikelihoodType.FULL, Map.of(), ch);
        try (SecrLikelihood merged = SecrLikelihood.of(ch, List.of(mask), constant, o);
                SecrLikelihood byOccasion = SecrLikelihood.of(ch, List.of(mask), time, o)) {
            kernels.accept(merged, byOccasion);
            HazardAtomKernelTest.assertSameAsWithZeroEffects(merged, byOccasion, "g0.t", beta(constant),
                    HazardAtomKernelTest.FUSED_VS_GENERAL, HazardAtomKernelTest.FUSED_VS_GENERAL_GRADIENT,
                    what + ", kernel " + merged.kernels());
        }
    }
}
