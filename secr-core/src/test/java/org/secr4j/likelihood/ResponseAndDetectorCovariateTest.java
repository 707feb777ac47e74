package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.secr4j.design.ExtraCovariates;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;

/**
 * Behavioural responses (B, bk, Bk, k, K), detector covariates and time covariates: the log-likelihood against a
 * direct evaluation of its definition (Borchers &amp; Efford 2008), written here independently of the
 * kernel: per animal, occasion and detector the state is read off the history (b: detected before;
 * B: detected on the previous occasion; bk, Bk: the same at this detector; k, K: any animal at this
 * detector before / on the previous occasion), the real parameters come from the layout in that
 * context, and \( \Pr(\omega_i \mid x) \) is the product of the detector type's probabilities;
 * p· uses the naive state everywhere (b, B, bk, Bk, k, K all FALSE, as secr's naive design data).
 */
class ResponseAndDetectorCovariateTest {
    /** Log-likelihood differences between two parameter vectors: direct evaluation vs secr4j. */
    private static final Tolerance DIRECT = Tolerance.relative("kernel vs direct evaluation", 1e-9);
    private static final double STEP = 1e-5;

    /** The small survey of {@link TestSurveys} with detector covariates effort (numeric) and habitat (factor). */
    static CaptureHistory survey(DetectorType type, DetectionFunction fn, long seed) {
        CaptureHistory ch = TestSurveys.history(type, fn, 0, seed);
        Session s = ch.session(0);
        DetectorArray det = s.detectors();
        double[] effort = new double[det.size()];
        String[] habitat = new String[det.size()];
        for (int k = 0; k < det.size(); k++) {
            effort[k] = 0.5 + (k % 4) * 0.3;
            habitat[k] = det.x(k) < 50 ? "forest" : "open";
        }
        List<Covariate> covs = new ArrayList<>(List.of(Covariate.numeric("effort", effort), Covariate.factor("habitat", habitat)));
        for (int t = 0; t < s.occasions(); t++) { // a detector x time covariate: bait_occ1..bait_occ5
            double[] bait = new double[det.size()];
            for (int k = 0; k < det.size(); k++) {
                bait[k] = (k + t) % 3 == 0 ? 1 : 0;
            }
            covs.add(Covariate.numeric("bait_occ" + (t + 1), bait));
        }
        DetectorArray withCov = det.withCovariates(CovariateTable.of(det.size(), covs));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < s.animals(); i++) {
            ids.add(s.animalId(i));
        }
        return CaptureHistory.of(Session.of(s.id(), withCov, s.occasions(), ids, null, s.detections(), null));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        String[] g = {"g0~bk", "g0~Bk", "g0~B", "g0~k", "g0~K", "g0~effort", "g0~habitat", "g0~b+bk", "g0~bk+T",
            "sigma~habitat;g0~bk", "g0~habitat*t", "sigma~bk", "g0~rain+bk", "g0~moon;sigma~rain", "g0~bait", "g0~bait+bk"};
        for (DetectorType t : new DetectorType[] {DetectorType.PROXIMITY, DetectorType.MULTI}) {
            for (String m : g) {
                out.add(Arguments.of(t, DetectionFunction.HN, m));
            }
        }
        for (String m : new String[] {"lambda0~bk", "lambda0~K", "lambda0~effort+Bk", "sigma~B"}) {
            out.add(Arguments.of(DetectorType.COUNT, DetectionFunction.HHN, m));
            out.add(Arguments.of(DetectorType.PROXIMITY, DetectionFunction.HHN, m));
        }
        return out.stream();
    }

    /** Time covariates of the 5 occasions: rain (numeric) and moon (factor). */
    static final CovariateTable TIME = CovariateTable.of(5, List.of(Covariate.numeric("rain", new double[] {0.1, 0.5, 0, 0.8, 0.3}),
            Covariate.factor("moon", new String[] {"full", "new", "new", "full", "half"})));

    static ParameterLayout bind(String model, DetectionFunction fn, CaptureHistory ch) {
        return ParameterLayout.bind(ModelSpec.of(model.split(";")), fn, LikelihoodType.FULL, Map.of(), ch, Map.of(), null, null,
                ExtraCovariates.none().withTime(TIME));
    }

    static double[] beta(ParameterLayout l, long seed) {
        double[] beta = new double[l.size()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 0.6 * (r.nextDouble() - 0.5);
        }
        TestSurveys.setIntercepts(l, beta);
        return beta;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void logLikelihoodDifferencesEqualTheDirectEvaluation(DetectorType type, DetectionFunction fn, String model) {
        CaptureHistory ch = survey(type, fn, 11);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout l = bind(model, fn, ch);
        double[] b1 = beta(l, 1);
        double[] b2 = beta(l, 2);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults())) {
            double ours = lik.value(b1) - lik.value(b2);
            double direct = direct(ch, mask, l, b1, type) - direct(ch, mask, l, b2, type);
            DIRECT.assertClose(direct, ours, model);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(DetectorType type, DetectionFunction fn, String model) {
        CaptureHistory ch = survey(type, fn, 12);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout l = bind(model, fn, ch);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults())) {
            Tolerance.assertGradientMatchesCentralDifferences(lik, beta(l, 3), STEP, type + " " + model);
        }
    }

    @Test
    void localEvaluationAndThreadsKeepTheResponseLikelihood() {
        CaptureHistory ch = survey(DetectorType.MULTI, DetectionFunction.HN, 13);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout l = bind("g0~bk+habitat", DetectionFunction.HN, ch);
        double[] b = beta(l, 4);
        double[] g1 = new double[b.length];
        double[] g2 = new double[b.length];
        double v1;
        double v2;
        double local;
        try (SecrLikelihood one = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults());
                SecrLikelihood two = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults().withThreads(2));
                SecrLikelihood loc = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults().withLocalEvaluation(true))) {
            v1 = one.valueAndGradient(b, g1);
            v2 = two.valueAndGradient(b, g2);
            local = loc.value(b);
            Tolerance.assertGradientMatchesCentralDifferences(loc, b, STEP, "local g0~bk+habitat");
        }
        assertEquals(v1, v2, 0.0, "1 and 2 threads");
        for (int j = 0; j < b.length; j++) {
            assertEquals(g1[j], g2[j], 0.0, "gradient " + j + ", 1 and 2 threads");
        }
        assertEquals(v1, local, 1e-6, "local evaluation (pairs with g below 1e-12 skipped)");
    }

    @Test
    void aDetectorByTimeCovariateTakesTheColumnOfEachOccasion() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, 11);
        ParameterLayout l = bind("g0~bait", DetectionFunction.HN, ch);
        assertEquals(List.of("D", "g0", "g0.bait", "sigma"), l.coefficientNames());
        for (int t = 0; t < 5; t++) {
            for (int k = 0; k < ch.session(0).detectors().size(); k++) {
                double[] row = l.row(RealParameter.G0, new Context(0, t, false, 0, k, 0));
                assertEquals((k + t) % 3 == 0 ? 1.0 : 0.0, row[1], "bait at detector " + k + ", occasion " + (t + 1));
            }
        }
    }

    @Test
    void aDetectorCovariateTypoListsTheDetectorCovariates() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, 11);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bind("g0~habitt", DetectionFunction.HN, ch));
        assertTrue(e.getMessage().contains("unknown variable 'habitt'") && e.getMessage().contains("bk, Bk, k, K")
                && e.getMessage().contains("detector covariates: effort, habitat, bait_occ1"), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> bind("D~effort", DetectionFunction.HN, ch));
        assertTrue(d.getMessage().contains("unknown variable 'effort'"), d.getMessage());
    }

    /** The log-likelihood (Poisson N, without the constants that do not depend on the parameters) by its definition. */
    static double direct(CaptureHistory ch, HabitatMask mask, ParameterLayout l, double[] beta, DetectorType type) {
        Session s = ch.session(0);
        DetectorArray det = s.detectors();
        int S = s.occasions();
        int K = det.size();
        int n = s.animals();
        DetectionFunction fn = l.detectionFunction();
        int[][][] y = new int[n][S][K];
        for (Detection x : s.detections()) {
            y[x.animal()][x.occasion()][x.detector()] += x.count();
        }
        boolean[][] site = new boolean[S][K]; // any animal at k on occasion s
        for (Detection x : s.detections()) {
            site[x.occasion()][x.detector()] = true;
        }
        double d = l.real(RealParameter.D, beta);
        double A = mask.cellAreaHectares();
        // real parameters per animal, occasion and detector (row n: the naive animal of p.)
        double[][][] a = new double[n + 1][S][K];
        double[][][] sigma = new double[n + 1][S][K];
        for (int i = 0; i <= n; i++) {
            for (int t = 0; t < S; t++) {
                for (int k = 0; k < K; k++) {
                    Context c = i == n ? new Context(0, t, false, 0, k, 0) : context(y[i], site, t, k);
                    a[i][t][k] = l.real(fn.intercept(), c, beta);
                    sigma[i][t][k] = l.real(RealParameter.SIGMA, c, beta);
                }
            }
        }
        double pdotSum = 0;
        double[] li = new double[n];
        for (int m = 0; m < mask.size(); m++) {
            double px = mask.x(m);
            double py = mask.y(m);
            double none = 0; // log Pr(not detected) of a naive animal
            for (int t = 0; t < S; t++) {
                for (int k = 0; k < K; k++) {
                    none -= hazard(a[n][t][k], sigma[n][t][k], fn, det, k, px, py);
                }
            }
            pdotSum += 1 - Math.exp(none);
            for (int i = 0; i < n; i++) {
                double logPr = 0;
                for (int t = 0; t < S; t++) {
                    double[] h = new double[K];
                    for (int k = 0; k < K; k++) {
                        h[k] = hazard(a[i][t][k], sigma[i][t][k], fn, det, k, px, py);
                    }
                    logPr += logPrOccasion(type, y[i][t], h);
                }
                li[i] += Math.exp(logPr);
            }
        }
        double ll = -d * A * pdotSum;
        for (int i = 0; i < n; i++) {
            ll += Math.log(d * A * li[i]);
        }
        return ll;
    }

    /**
     * log Pr of one occasion's counts {@code y} (per detector) given the hazards {@code h}: proximity
     * \( \prod_k p_k^{y_k}(1-p_k)^{1-y_k} \) with \( p = 1 - e^{-h} \); Poisson counts; multi-catch
     * \( (1 - e^{-H}) h_k / H \) for a detection at k, \( e^{-H} \) for none (\( H = \sum_k h_k \)).
     */
    static double logPrOccasion(DetectorType type, int[] y, double[] h) {
        double H = 0;
        for (double x : h) {
            H += x;
        }
        double logPr = 0;
        for (int k = 0; k < h.length; k++) {
            int c = y[k];
            switch (type) {
                case PROXIMITY -> logPr += c > 0 ? Math.log(-Math.expm1(-h[k])) : -h[k];
                case COUNT -> logPr += c * Math.log(h[k]) - h[k];
                case MULTI -> logPr += c > 0 ? Math.log(-Math.expm1(-H) * h[k] / H) : 0;
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return type == DetectorType.MULTI && sum(y) == 0 ? logPr - H : logPr;
    }

    /** The state of an animal with history {@code yi} at detector k on occasion t. */
    private static Context context(int[][] yi, boolean[][] site, int t, int k) {
        boolean b = false;
        boolean bk = false;
        boolean siteBefore = false;
        for (int u = 0; u < t; u++) {
            b |= sum(yi[u]) > 0;
            bk |= yi[u][k] > 0;
            siteBefore |= site[u][k];
        }
        int bits = 0;
        bits |= t > 0 && sum(yi[t - 1]) > 0 ? Context.TRANSIENT : 0;
        bits |= bk ? Context.DETECTOR_LEARNED : 0;
        bits |= t > 0 && yi[t - 1][k] > 0 ? Context.DETECTOR_TRANSIENT : 0;
        bits |= siteBefore ? Context.SITE_LEARNED : 0;
        bits |= t > 0 && site[t - 1][k] ? Context.SITE_TRANSIENT : 0;
        return new Context(0, t, b, 0, k, bits);
    }

    /** The hazard \( -\log(1 - g_0 f(d)) \) (g-type) or \( \lambda_0 f(d) \) (hazard type) of detector k. */
    private static double hazard(double a, double sigma, DetectionFunction fn, DetectorArray det, int k, double px,
            double py) {
        double d2 = (px - det.x(k)) * (px - det.x(k)) + (py - det.y(k)) * (py - det.y(k));
        double f = Math.exp(-d2 / (2 * sigma * sigma));
        return fn.isHazard() ? a * f : -Math.log1p(-a * f);
    }

    private static int sum(int[] v) {
        int s = 0;
        for (int x : v) {
            s += x;
        }
        return s;
    }
}
