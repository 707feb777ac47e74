package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secr4j.TestSurveys;
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

/** Invariances that any correct SECR likelihood has. */
class LikelihoodPropertiesTest {
    private static final double[] BETA = {Math.log(9), -1.2, Math.log(19)};
    private static final ParameterLayout LAYOUT =
            ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);

    private static double logLik(CaptureHistory ch, HabitatMask mask, int threads) {
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), LAYOUT,
                LikelihoodOptions.defaults().withThreads(threads))) {
            return l.value(BETA);
        }
    }

    private static DetectorType type(int i) {
        return new DetectorType[] {DetectorType.MULTI, DetectorType.PROXIMITY, DetectorType.COUNT}[i];
    }

    @Property(tries = 12)
    void permutingAnimalsLeavesTheLogLikelihoodUnchanged(@ForAll @IntRange(min = 0, max = 2) int t,
            @ForAll @IntRange(min = 1, max = 10_000) int seed) {
        CaptureHistory ch = TestSurveys.history(type(t), DetectionFunction.HN, 0, seed);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        Session s = ch.session(0);
        int[] perm = new int[s.animals()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        Tolerance.ROUNDING.assertClose(logLik(ch, mask, 1), logLik(CaptureHistory.of(s.permuted(perm)), mask, 1),
                "permuted animals");
    }

    @Property(tries = 12)
    void translatingAllCoordinatesLeavesTheLogLikelihoodUnchanged(@ForAll @IntRange(min = 0, max = 2) int t,
            @ForAll @DoubleRange(min = -5e5, max = 5e5) double dx, @ForAll @DoubleRange(min = -5e5, max = 5e5) double dy) {
        CaptureHistory ch = TestSurveys.history(type(t), DetectionFunction.HN, 0, 5);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        Session moved = ch.session(0).withDetectors(ch.session(0).detectors().translated(dx, dy));
        new Tolerance("translation (coordinate rounding)", 1e-9, 1).assertClose(logLik(ch, mask, 1),
                logLik(CaptureHistory.of(moved), mask.translated(dx, dy), 1), "translated by " + dx + ", " + dy);
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void anOccasionWithZeroUsageLeavesTheLogLikelihoodUnchanged(DetectorType type) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 11);
        Session s = ch.session(0);
        DetectorArray det = s.detectors();
        int S = s.occasions();
        double[][] u = new double[det.size()][S + 1];
        for (int k = 0; k < det.size(); k++) {
            for (int j = 0; j < S; j++) {
                u[k][j < 2 ? j : j + 1] = 1; // the new occasion 3 has zero usage everywhere
            }
        }
        List<Detection> shifted = new ArrayList<>();
        for (Detection d : s.detections()) {
            shifted.add(new Detection(d.animal(), d.occasion() < 2 ? d.occasion() : d.occasion() + 1, d.detector(), d.count()));
        }
        Session withGap = Session.of(s.id(), det.withUsage(u), S + 1, s.animalIds(), null, shifted,
                s.individualCovariates());
        HabitatMask mask = TestSurveys.mask(det);
        Tolerance.ROUNDING.assertClose(logLik(ch, mask, 1), logLik(CaptureHistory.of(withGap), mask, 1),
                "added zero-usage occasion");
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void resultsAreBitIdenticalForOneAndSeveralThreads(DetectorType type) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 3);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        double[] g1 = new double[3];
        double[] g3 = new double[3];
        double v1;
        double v3;
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), LAYOUT, LikelihoodOptions.defaults())) {
            v1 = l.valueAndGradient(BETA, g1);
        }
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), LAYOUT, LikelihoodOptions.defaults().withThreads(3))) {
            v3 = l.valueAndGradient(BETA, g3);
        }
        assertEquals(Double.doubleToLongBits(v1), Double.doubleToLongBits(v3));
        for (int j = 0; j < 3; j++) {
            assertEquals(Double.doubleToLongBits(g1[j]), Double.doubleToLongBits(g3[j]));
        }
    }
}
