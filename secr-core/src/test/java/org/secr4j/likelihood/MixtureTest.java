package org.secr4j.likelihood;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;

/** Finite mixtures (h2, h3) and known classes (hcov): gradients and the identical-classes invariants. */
class MixtureTest {
    private static final double STEP = 1e-5;

    /** The test survey with a sex covariate: F, M, or missing (every fifth animal). */
    static CaptureHistory withSex(DetectorType type) {
        Session s = TestSurveys.history(type, DetectionFunction.HN, 0, 61).session(0);
        SplittableRandom r = new SplittableRandom(3);
        String[] sex = new String[s.animals()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = i % 5 == 4 ? null : r.nextBoolean() ? "F" : "M";
        }
        CovariateTable cov = CovariateTable.of(sex.length, List.of(Covariate.factor("sex", sex)));
        return CaptureHistory.of(Session.of(s.id(), s.detectors(), s.occasions(), s.animalIds(), null, s.detections(), cov));
    }

    private static void checkGradient(CaptureHistory ch, ParameterLayout layout, LikelihoodType lt, String what) {
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        double[] beta = new double[layout.size()];
        SplittableRandom r = new SplittableRandom(9);
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 0.4 * (r.nextDouble() - 0.5);
        }
        TestSurveys.setIntercepts(layout, beta);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, LikelihoodOptions.defaults().with(lt))) {
            Tolerance.assertGradientMatchesCentralDifferences(l, beta, STEP, what);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void latentMixtureGradientMatchesCentralDifferences(DetectorType type) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 61);
        for (LikelihoodType lt : LikelihoodType.values()) {
            ParameterLayout l = ParameterLayout.bind(ModelSpec.of("g0~h2", "sigma~h2", "pmix~h2"), DetectionFunction.HN, lt,
                    Map.of(), ch);
            checkGradient(ch, l, lt, type + " h2 " + lt);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void knownClassMixtureGradientMatchesCentralDifferences(DetectorType type) {
        CaptureHistory ch = withSex(type);
        ParameterLayout l = ParameterLayout.bind(ModelSpec.of("sigma~h2", "g0~b"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch, "sex");
        checkGradient(ch, l, LikelihoodType.FULL, type + " hcov sex");
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void identicalClassesGiveTheModelWithoutMixtureForAnyPmix(DetectorType type) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 62);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout plain = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        ParameterLayout mix = ParameterLayout.bind(ModelSpec.of("g0~h2", "pmix~h2"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch);
        double[] b = {Math.log(9), -1.1, Math.log(20)};
        double expected;
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), plain, LikelihoodOptions.defaults())) {
            expected = l.value(b);
        }
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), mix, LikelihoodOptions.defaults())) {
            for (double pmix : new double[] {-2, 0, 1.5}) {
                double[] bm = new double[mix.size()];
                bm[mix.indexOf(RealParameter.D)] = b[0];
                bm[mix.indexOf(RealParameter.G0)] = b[1];
                bm[mix.indexOf(RealParameter.SIGMA)] = b[2];
                bm[mix.indexOf(RealParameter.PMIX)] = pmix;
                Tolerance.ROUNDING.assertClose(expected, l.value(bm), type + " pmix " + pmix);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void threeClassMixtureGradientMatchesCentralDifferences(DetectorType type) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 61);
        for (LikelihoodType lt : LikelihoodType.values()) {
            ParameterLayout l = ParameterLayout.bind(ModelSpec.of("g0~h3", "sigma~h3"), DetectionFunction.HN, lt, Map.of(), ch);
            org.junit.jupiter.api.Assertions.assertTrue(l.coefficientNames().containsAll(
                    List.of("g0.h32", "g0.h33", "sigma.h32", "sigma.h33", "pmix.h32", "pmix.h33")), l.coefficientNames().toString());
            checkGradient(ch, l, lt, type + " h3 " + lt);
        }
    }

    /**
     * A three-class mixture whose classes 2 and 3 are identical is the two-class mixture with
     * \( \pi_2' = \pi_2 + \pi_3 \): with multinomial logits \( \eta_2, \eta_3 \) against class 1 the h2
     * logit is \( \log(e^{\eta_2} + e^{\eta_3}) \).
     */
    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void threeClassesWithTwoIdenticalGiveTheTwoClassMixture(DetectorType type) {
        CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 62);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout h2 = ParameterLayout.bind(ModelSpec.of("g0~h2", "sigma~h2"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch);
        ParameterLayout h3 = ParameterLayout.bind(ModelSpec.of("g0~h3", "sigma~h3"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch);
        double e2 = -0.4;
        double e3 = 0.7;
        // coefficient order: D, g0, g0.h2x, sigma, sigma.h2x, pmix...
        double[] b2 = {Math.log(9), -1.4, 0.9, Math.log(20), -0.2, Math.log(Math.exp(e2) + Math.exp(e3))};
        double[] b3 = {Math.log(9), -1.4, 0.9, 0.9, Math.log(20), -0.2, -0.2, e2, e3};
        try (SecrLikelihood a = SecrLikelihood.of(ch, List.of(mask), h2, LikelihoodOptions.defaults());
                SecrLikelihood b = SecrLikelihood.of(ch, List.of(mask), h3, LikelihoodOptions.defaults())) {
            Tolerance.ROUNDING.assertClose(a.value(b2), b.value(b3), type + " h3 with classes 2 = 3");
        }
    }
}
