package org.secr4j.likelihood;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
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

/** Analytic gradient against central differences for every formula term this version binds. */
class FormulaGradientTest {
    private static final double STEP = 1e-5;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        String[][] models = {{"g0~b"}, {"g0~t"}, {"g0~T"}, {"sigma~b"}, {"sigma~t", "g0~b"}, {"g0~session"},
            {"g0~Session", "sigma~session"}, {"D~session"}, {"D~Session", "g0~b"}, {"g0~b*T"}, {"g0~0+t"}, {"g0~bk"},
            {"g0~Bk", "sigma~B"}, {"g0~k+K"}, {"g0~bk+session"}};
        for (DetectorType t : new DetectorType[] {DetectorType.MULTI, DetectorType.PROXIMITY, DetectorType.COUNT}) {
            for (String[] m : models) {
                out.add(Arguments.of(t, DetectionFunction.HN, String.join(";", m), LikelihoodType.FULL));
            }
            out.add(Arguments.of(t, DetectionFunction.HHR, "lambda0~b;z~t", LikelihoodType.FULL));
            out.add(Arguments.of(t, DetectionFunction.EX, "g0~t;sigma~b", LikelihoodType.CONDITIONAL));
            out.add(Arguments.of(t, DetectionFunction.HN, "g0~bk;sigma~k", LikelihoodType.CONDITIONAL));
        }
        return out.stream();
    }

    /** Two sessions of the small test design, the second with 4 occasions and a moved grid. */
    static CaptureHistory twoSessions(DetectorType type, DetectionFunction fn) {
        CaptureHistory one = TestSurveys.history(type, fn, 0, 31);
        DetectorArray det2 = TestSurveys.detectors(type).translated(7, -3);
        SplittableRandom r = new SplittableRandom(77);
        Population pop = Population.poisson(TestSurveys.mask(det2), 8, r);
        Session s2 = CaptureSimulator.of(fn, fn.isHazard() ? 0.3 : 0.25, 18, 4, 0).simulate("2", pop, det2, 4, r);
        return CaptureHistory.of(List.of(one.session(0), s2));
    }

    /**
     * Session covariates (a factor and a number per session) and a time covariate: the gradient, and
     * the model with a session factor covariate equals the same model written with {@code session}.
     */
    @org.junit.jupiter.api.Test
    void sessionAndTimeCovariatesHaveTheirGradientAndMatchTheBuiltInFactor() {
        CaptureHistory ch = twoSessions(DetectorType.PROXIMITY, DetectionFunction.HN);
        List<HabitatMask> masks = List.of(TestSurveys.mask(ch.session(0).detectors()),
                TestSurveys.mask(ch.session(1).detectors()));
        org.secr4j.design.ExtraCovariates extra = org.secr4j.design.ExtraCovariates.none()
                .withSession(org.secr4j.covariate.CovariateTable.of(2, List.of(
                        org.secr4j.covariate.Covariate.factor("season", new String[] {"dry", "wet"}),
                        org.secr4j.covariate.Covariate.numeric("crew", new double[] {2, 3}))))
                .withTime(org.secr4j.covariate.CovariateTable.of(5, List.of(
                        org.secr4j.covariate.Covariate.numeric("rain", new double[] {0.1, 0.5, 0, 0.8, 0.3}))));
        ParameterLayout cov = ParameterLayout.bind(ModelSpec.of("g0~season+rain", "sigma~crew"), DetectionFunction.HN,
                LikelihoodType.FULL, java.util.Map.of(), ch, java.util.Map.of(), null, null, extra);
        ParameterLayout builtIn = ParameterLayout.bind(ModelSpec.of("g0~session+rain", "sigma~session"), DetectionFunction.HN,
                LikelihoodType.FULL, java.util.Map.of(), ch, java.util.Map.of(), null, null, extra);
        org.junit.jupiter.api.Assertions.assertEquals(List.of("D", "g0", "g0.seasonwet", "g0.rain", "sigma", "sigma.crew"),
                cov.coefficientNames());
        double[] beta = new double[cov.size()];
        SplittableRandom r = new SplittableRandom(8);
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 0.2 * (r.nextDouble() - 0.5);
        }
        TestSurveys.setIntercepts(cov, beta);
        // sigma = exp(b0 + b1 crew) with crew 2, 3 is the session factor with intercept b0 + 2 b1 and contrast b1
        double[] same = beta.clone();
        same[4] = beta[4] + 2 * beta[5];
        try (SecrLikelihood a = SecrLikelihood.of(ch, masks, cov, LikelihoodOptions.defaults());
                SecrLikelihood b = SecrLikelihood.of(ch, masks, builtIn, LikelihoodOptions.defaults())) {
            Tolerance.assertGradientMatchesCentralDifferences(a, beta, STEP, "session and time covariates");
            Tolerance.ROUNDING.assertClose(b.value(same), a.value(beta), "season = session, crew = sigma~session");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(DetectorType type, DetectionFunction fn, String model,
            LikelihoodType lt) {
        CaptureHistory ch = twoSessions(type, fn);
        List<HabitatMask> masks = List.of(TestSurveys.mask(ch.session(0).detectors()),
                TestSurveys.mask(ch.session(1).detectors()));
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.of(model.split(";")), fn, lt, java.util.Map.of(), ch);
        double[] beta = new double[layout.size()];
        SplittableRandom r = new SplittableRandom(5);
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 0.2 * (r.nextDouble() - 0.5);
        }
        TestSurveys.setIntercepts(layout, beta);
        try (SecrLikelihood l = SecrLikelihood.of(ch, masks, layout, LikelihoodOptions.defaults().with(lt))) {
            Tolerance.assertGradientMatchesCentralDifferences(l, beta, STEP, model);
        }
    }
}
