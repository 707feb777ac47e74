package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.design.Context;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;

/**
 * Individual covariates of detection (conditional likelihood, Borchers &amp; Efford 2008 section 4.3;
 * Huggins-type Horvitz–Thompson density): the likelihood against a direct evaluation of
 * \( \sum_i [\log \sum_m \Pr(\omega_i \mid x_m, \theta_i) - \log \sum_m p_\cdot(x_m; \theta_i)] \) written
 * here from the definition, its gradient, and \( \hat D = \sum_i 1/a(\hat\theta_i) \).
 */
class IndividualCovariateTest {
    private static final Tolerance DIRECT = Tolerance.relative("kernel vs direct evaluation", 1e-9);
    private static final double STEP = 1e-5;

    /** The test survey with individual covariates sex (factor F/M) and weight (numeric, 3 distinct values). */
    static CaptureHistory survey(DetectorType type, long seed) {
        Session s = TestSurveys.history(type, DetectionFunction.HN, 0, seed).session(0);
        SplittableRandom r = new SplittableRandom(seed);
        String[] sex = new String[s.animals()];
        double[] weight = new double[s.animals()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = r.nextBoolean() ? "F" : "M";
            weight[i] = 1 + r.nextInt(3) * 0.5;
        }
        CovariateTable cov = CovariateTable.of(sex.length, List.of(Covariate.factor("sex", sex), Covariate.numeric("weight", weight)));
        return CaptureHistory.of(Session.of(s.id(), s.detectors(), s.occasions(), s.animalIds(), null, s.detections(), cov));
    }

    static Stream<Arguments> cases() {
        return Stream.of(DetectorType.MULTI, DetectorType.PROXIMITY, DetectorType.COUNT)
                .flatMap(t -> Stream.of("g0~sex", "sigma~weight", "g0~sex+bk;sigma~sex", "g0~weight*sex")
                        .map(m -> Arguments.of(t, m)));
    }

    static ParameterLayout bind(String model, CaptureHistory ch) {
        return ParameterLayout.bind(ModelSpec.of(model.split(";")), DetectionFunction.HN, LikelihoodType.CONDITIONAL, Map.of(), ch);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void conditionalLikelihoodDifferencesEqualTheDirectEvaluation(DetectorType type, String model) {
        CaptureHistory ch = survey(type, 21);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout l = bind(model, ch);
        double[] b1 = ResponseAndDetectorCovariateTest.beta(l, 1);
        double[] b2 = ResponseAndDetectorCovariateTest.beta(l, 2);
        LikelihoodOptions o = LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l, o)) {
            DIRECT.assertClose(direct(ch, mask, l, b1, type) - direct(ch, mask, l, b2, type), lik.value(b1) - lik.value(b2), model);
            Tolerance.assertGradientMatchesCentralDifferences(lik, b1, STEP, type + " " + model);
        }
    }

    @Test
    void densityIsTheHorvitzThompsonSumOverTheAnimals() {
        CaptureHistory ch = survey(DetectorType.MULTI, 22);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        FittedModel fit = SecrFitter.with(FitOptions.defaults().with(LikelihoodType.CONDITIONAL))
                .fit(ch, List.of(mask), ModelSpec.of("g0~sex", "sigma~sex"));
        assertTrue(fit.diagnostics().converged(), fit.diagnostics().toString());
        ParameterLayout l = fit.layout();
        double sum = 0;
        double sum2 = 0;
        Session s = ch.session(0);
        for (int i = 0; i < s.animals(); i++) {
            double a = esa(mask, s.detectors(), s.occasions(), l, fit.beta(), l.individualClass(0, i));
            sum += 1 / a;
            sum2 += 1 / (a * a);
        }
        var d = fit.derived().get(0);
        Tolerance.relative("HT density", 1e-10).assertClose(sum, d.densityPerHectare().estimate(), "D = sum 1/a_i");
        Tolerance.relative("HT variance", 1e-10).assertClose(Math.sqrt(sum2) / sum, d.cvN(), "CVn");
        // predict() gives the reference animal: the first sex level
        assertEquals(fit.real(RealParameter.SIGMA, new Context(0, 0, false, l.referenceClass())),
                fit.predict().get(RealParameter.SIGMA).estimate(), 0.0);
    }

    @Test
    void individualCovariatesNeedTheConditionalLikelihood() {
        CaptureHistory ch = survey(DetectorType.MULTI, 21);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterLayout.bind(
                ModelSpec.of("sigma~sex"), DetectionFunction.HN, LikelihoodType.FULL, Map.of(), ch));
        assertTrue(e.getMessage().contains("individual covariate(s) [sex]") && e.getMessage().contains("conditional likelihood")
                && e.getMessage().contains("hcov"), e.getMessage());
    }

    /** a(θ_c) = A Σ_m p·(x_m; θ_c) of class c, by its definition (hazards summed over occasions and detectors). */
    static double esa(HabitatMask mask, DetectorArray det, int S, ParameterLayout l, double[] beta, int cls) {
        double[][] g0 = new double[S][det.size()];
        double[][] sigma = new double[S][det.size()];
        for (int t = 0; t < S; t++) {
            for (int k = 0; k < det.size(); k++) {
                Context c = new Context(0, t, false, cls, k, 0);
                g0[t][k] = l.real(RealParameter.G0, c, beta);
                sigma[t][k] = l.real(RealParameter.SIGMA, c, beta);
            }
        }
        double a = 0;
        for (int m = 0; m < mask.size(); m++) {
            double none = 0;
            for (int t = 0; t < S; t++) {
                for (int k = 0; k < det.size(); k++) {
                    none -= hazard(g0[t][k], sigma[t][k], det, k, mask.x(m), mask.y(m));
                }
            }
            a += 1 - Math.exp(none);
        }
        return a * mask.cellAreaHectares();
    }

    /** The conditional log-likelihood without its constants, by its definition. */
    static double direct(CaptureHistory ch, HabitatMask mask, ParameterLayout l, double[] beta, DetectorType type) {
        Session s = ch.session(0);
        Map<Integer, Double> esaOfClass = new java.util.HashMap<>();
        double ll = animalTerms(ch, mask, l, beta, type);
        for (int i = 0; i < s.animals(); i++) {
            ll -= Math.log(esaOfClass.computeIfAbsent(l.individualClass(0, i), c -> esa(mask, s.detectors(), s.occasions(), l, beta, c)));
        }
        return ll;
    }

    /**
     * \( \sum_i \log(A \sum_m \Pr(\omega_i \mid x_m, \theta_i)) \) by its definition: per animal, occasion and
     * detector the parameters of its class in its bk state, and the detector type's probabilities.
     */
    static double animalTerms(CaptureHistory ch, HabitatMask mask, ParameterLayout l, double[] beta, DetectorType type) {
        Session s = ch.session(0);
        DetectorArray det = s.detectors();
        int S = s.occasions();
        int K = det.size();
        int n = s.animals();
        int[][][] y = new int[n][S][K];
        for (Detection x : s.detections()) {
            y[x.animal()][x.occasion()][x.detector()] += x.count();
        }
        double ll = 0;
        for (int i = 0; i < n; i++) {
            int cls = l.individualClass(0, i);
            double[][] g0 = new double[S][K];
            double[][] sigma = new double[S][K];
            for (int t = 0; t < S; t++) {
                for (int k = 0; k < K; k++) {
                    boolean bk = false;
                    for (int u = 0; u < t; u++) {
                        bk |= y[i][u][k] > 0;
                    }
                    Context c = new Context(0, t, false, cls, k, bk ? Context.DETECTOR_LEARNED : 0);
                    g0[t][k] = l.real(RealParameter.G0, c, beta);
                    sigma[t][k] = l.real(RealParameter.SIGMA, c, beta);
                }
            }
            double li = 0;
            for (int m = 0; m < mask.size(); m++) {
                double logPr = 0;
                for (int t = 0; t < S; t++) {
                    double[] h = new double[K];
                    for (int k = 0; k < K; k++) {
                        h[k] = hazard(g0[t][k], sigma[t][k], det, k, mask.x(m), mask.y(m));
                    }
                    logPr += ResponseAndDetectorCovariateTest.logPrOccasion(type, y[i][t], h);
                }
                li += Math.exp(logPr);
            }
            ll += Math.log(li * mask.cellAreaHectares());
        }
        return ll;
    }

    private static double hazard(double g0, double sigma, DetectorArray det, int k, double px, double py) {
        double d2 = (px - det.x(k)) * (px - det.x(k)) + (py - det.y(k)) * (py - det.y(k));
        return -Math.log1p(-g0 * Math.exp(-d2 / (2 * sigma * sigma)));
    }
}
