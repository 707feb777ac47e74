package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * Density surfaces (D ~ x, y, x2, y2, xy and mask covariates): the likelihood against a direct sum
 * of its formula (Borchers &amp; Efford 2008, eq. 5 with D varying over the mask), its reduction to
 * a constant D, and its analytic gradient.
 */
class DensitySurfaceTest {
    private static final double STEP = 1e-5;
    private static final Tolerance DIRECT = Tolerance.relative("surface likelihood vs direct sum", 1e-10);

    /** The test survey's mask with a factor 'habitat' (west "open", east "forest") and a numeric 'elev'. */
    static HabitatMask maskWithCovariates(DetectorArray det) {
        HabitatMask m = TestSurveys.mask(det);
        String[] habitat = new String[m.size()];
        double[] elev = new double[m.size()];
        for (int i = 0; i < m.size(); i++) {
            habitat[i] = m.x(i) < 50 ? "open" : "forest";
            elev[i] = 200 + 0.5 * m.y(i);
        }
        return m.withCovariates(CovariateTable.of(m.size(),
                List.of(Covariate.factor("habitat", habitat), Covariate.numeric("elev", elev))));
    }

    static ParameterLayout bind(String d, CaptureHistory ch, HabitatMask mask, String... detection) {
        String[] f = new String[detection.length + 1];
        f[0] = d;
        System.arraycopy(detection, 0, f, 1, detection.length);
        return ParameterLayout.bind(ModelSpec.of(f), DetectionFunction.HN, LikelihoodType.FULL, Map.of(), ch, Map.of(),
                null, List.of(mask));
    }

    static double[] start(ParameterLayout l) {
        double[] beta = new double[l.size()];
        TestSurveys.setIntercepts(l, beta);
        return beta;
    }

    @ParameterizedTest
    @EnumSource(PopulationDistribution.class)
    void aFlatSurfaceGivesTheConstantDensityLikelihood(PopulationDistribution dist) {
        CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 5);
        HabitatMask mask = maskWithCovariates(ch.session(0).detectors());
        LikelihoodOptions o = LikelihoodOptions.defaults().with(dist);
        ParameterLayout flat = bind("D~1", ch, mask);
        ParameterLayout surface = bind("D~x+habitat+elev", ch, mask);
        assertTrue(surface.densitySurface());
        double[] b0 = start(flat);
        double[] b1 = start(surface); // slopes 0: D = exp(intercept) everywhere
        try (SecrLikelihood a = SecrLikelihood.of(ch, List.of(mask), flat, o);
                SecrLikelihood b = SecrLikelihood.of(ch, List.of(mask), surface, o)) {
            Tolerance.ROUNDING.assertClose(a.value(b0), b.value(b1), "flat surface vs D~1 (" + dist + ")");
            assertEquals(List.of("general"), b.kernels());
        }
    }

    /**
     * Differences of the log-likelihood between two surfaces against the same differences of
     * \( -A\sum_m D_m p_\cdot(x_m) + \sum_i \log(A\sum_m D_m \Pr(\omega_i \mid x_m)) \) (Poisson) and of
     * \( \log\frac{N!}{(N-n)!} + (N-n)\log(1 - \Lambda/N) + \sum_i \log(A\sum_m D_m\Pr(\omega_i \mid x_m)/N) \)
     * (binomial), summed here directly over occasions, detectors and mask points (the constants of the
     * reported value cancel in the difference).
     */
    @ParameterizedTest
    @EnumSource(PopulationDistribution.class)
    void surfaceLikelihoodMatchesADirectSumOfItsFormula(PopulationDistribution dist) {
        CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 9);
        HabitatMask mask = maskWithCovariates(ch.session(0).detectors());
        LikelihoodOptions o = LikelihoodOptions.defaults().with(dist);
        ParameterLayout l = bind("D~x+y2+habitat", ch, mask);
        double[] a = start(l);
        double[] b = a.clone();
        b[1] = 0.7; // x
        b[2] = -0.4; // y2
        b[3] = 0.9; // habitatopen
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l, o)) {
            double expected = direct(ch, mask, l, b, dist) - direct(ch, mask, l, a, dist);
            DIRECT.assertClose(expected, lik.value(b) - lik.value(a), "log-likelihood difference (" + dist + ")");
        }
    }

    private static double direct(CaptureHistory ch, HabitatMask mask, ParameterLayout l, double[] beta,
            PopulationDistribution dist) {
        Session s = ch.session(0);
        DetectorArray det = s.detectors();
        double g0 = l.real(RealParameter.G0, beta);
        double sigma = l.real(RealParameter.SIGMA, beta);
        double[][] x = l.densityDesign(0, mask);
        double cell = mask.cellAreaHectares();
        int S = s.occasions();
        int n = s.animals();
        boolean[][][] y = new boolean[n][S][det.size()];
        for (Detection d : s.detections()) {
            y[d.animal()][d.occasion()][d.detector()] = true;
        }
        double lambda = 0;
        double total = 0;
        double[] sumI = new double[n];
        for (int m = 0; m < mask.size(); m++) {
            double eta = 0;
            for (int j = 0; j < x[m].length; j++) {
                eta += x[m][j] * beta[j];
            }
            double dm = Math.exp(eta);
            total += cell * dm;
            double[] p = new double[det.size()];
            double never = 1;
            for (int k = 0; k < det.size(); k++) {
                double dx = mask.x(m) - det.x(k);
                double dy = mask.y(m) - det.y(k);
                p[k] = g0 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                never *= Math.pow(1 - p[k], S);
            }
            lambda += cell * dm * (1 - never);
            for (int i = 0; i < n; i++) {
                double pr = 1;
                for (int t = 0; t < S; t++) {
                    for (int k = 0; k < det.size(); k++) {
                        pr *= y[i][t][k] ? p[k] : 1 - p[k];
                    }
                }
                sumI[i] += cell * dm * pr;
            }
        }
        double ll = 0;
        for (double v : sumI) {
            ll += Math.log(v);
        }
        if (dist == PopulationDistribution.POISSON) {
            return ll - lambda;
        }
        return org.apache.commons.math3.special.Gamma.logGamma(total + 1)
                - org.apache.commons.math3.special.Gamma.logGamma(total - n + 1) + (total - n) * Math.log(1 - lambda / total)
                + ll - n * Math.log(total);
    }

    @ParameterizedTest
    @EnumSource(PopulationDistribution.class)
    void surfaceGradientMatchesCentralDifferences(PopulationDistribution dist) {
        CaptureHistory ch = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 13);
        HabitatMask mask = maskWithCovariates(ch.session(0).detectors());
        ParameterLayout l = bind("D~x+y+x2+xy+habitat+elev", ch, mask, "g0~b");
        double[] beta = start(l);
        double[] slopes = {0.3, -0.2, 0.1, 0.15, 0.4, 0.002};
        System.arraycopy(slopes, 0, beta, 1, slopes.length);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults().with(dist))) {
            Tolerance.assertGradientMatchesCentralDifferences(lik, beta, STEP, "D surface " + dist);
        }
    }

    @Test
    void surfaceGradientWithAMixtureAndLocalEvaluation() {
        CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 21);
        HabitatMask mask = maskWithCovariates(ch.session(0).detectors());
        ParameterLayout l = bind("D~y+habitat", ch, mask, "g0~h2");
        double[] beta = start(l);
        beta[1] = -0.3;
        beta[2] = 0.5;
        beta[l.indexOf(RealParameter.G0) + 1] = 0.8;
        for (boolean local : new boolean[] {false, true}) {
            try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l,
                    LikelihoodOptions.defaults().withLocalEvaluation(local))) {
                Tolerance.assertGradientMatchesCentralDifferences(lik, beta, STEP, "D surface, h2, local " + local);
            }
        }
    }

    @Test
    void surfaceResultsAreBitIdenticalForOneAndTwoThreads() {
        CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 3);
        HabitatMask mask = maskWithCovariates(ch.session(0).detectors());
        ParameterLayout l = bind("D~x+habitat", ch, mask);
        double[] beta = start(l);
        beta[1] = 0.4;
        double[] g1 = new double[beta.length];
        double[] g2 = new double[beta.length];
        double v1;
        double v2;
        try (SecrLikelihood a = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults().withThreads(1))) {
            v1 = a.valueAndGradient(beta, g1);
        }
        try (SecrLikelihood b = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults().withThreads(2))) {
            v2 = b.valueAndGradient(beta, g2);
        }
        assertEquals(v1, v2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(g1, g2);
    }

    /** Seeded survey of an inhomogeneous population, \( \log D = \log 10 + 0.6\,x' \) (x' the standardised x). */
    static CaptureHistory inhomogeneousSurvey(HabitatMask mask, DetectorArray det, long seed) {
        double[] d = new double[mask.size()];
        double mean = 0;
        for (int m = 0; m < mask.size(); m++) {
            mean += mask.x(m) / mask.size();
        }
        double ss = 0;
        for (int m = 0; m < mask.size(); m++) {
            ss += (mask.x(m) - mean) * (mask.x(m) - mean);
        }
        double sd = Math.sqrt(ss / (mask.size() - 1));
        for (int m = 0; m < mask.size(); m++) {
            d[m] = 10 * Math.exp(0.6 * (mask.x(m) - mean) / sd);
        }
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.inhomogeneous(mask, d, r);
        return CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.3, 18, 0, 0).simulate("1", pop, det, 5, r));
    }

    static DetectorArray wideGrid() {
        return CaptureSimulator.grid(DetectorType.PROXIMITY, 10, 6, 20, 0, 0);
    }

    @Test
    void fitRecoversTheSlopeOfASimulatedSurface() {
        DetectorArray det = wideGrid();
        HabitatMask mask = HabitatMask.around(det, 60, 8);
        CaptureHistory ch = inhomogeneousSurvey(mask, det, 2024);
        var fit = org.secr4j.fit.SecrFitter.with(org.secr4j.fit.FitOptions.defaults()).fit(ch, List.of(mask),
                ModelSpec.of("D~x"));
        assertTrue(fit.diagnostics().converged(), fit.diagnostics().message());
        var x = fit.coefficients().get(1);
        assertEquals("D.x", x.name());
        // the true slope 0.6 within 3 SEs (seeded: a fixed draw, not a coverage claim)
        assertTrue(Math.abs(x.beta() - 0.6) < 3 * x.se(), () -> "D.x " + x.beta() + " SE " + x.se());
        assertTrue(x.se() > 0.05 && x.se() < 0.5, () -> "SE " + x.se());
    }

    @Test
    void regionNOfTwoHalvesAddsUpToTheWholeMask() {
        DetectorArray det = wideGrid();
        HabitatMask mask = HabitatMask.around(det, 60, 8);
        CaptureHistory ch = inhomogeneousSurvey(mask, det, 77);
        var fit = org.secr4j.fit.SecrFitter.with(org.secr4j.fit.FitOptions.defaults()).fit(ch, List.of(mask),
                ModelSpec.of("D~x"));
        var whole = fit.regionN().get(0);
        // E(N) = A sum_m D_m, from the fitted surface directly
        double sum = 0;
        for (var e : fit.densitySurface(0)) {
            sum += e.estimate() * mask.cellAreaHectares();
        }
        Tolerance.ROUNDING.assertClose(sum, whole.expected().estimate(), "E(N) over the mask");
        Tolerance.ROUNDING.assertClose(ch.animalCount(), whole.detectedInRegion(), "detected over the whole mask");
        var gf = HabitatMask.geometryFactory();
        var west = gf.toGeometry(new org.locationtech.jts.geom.Envelope(-1000, 90, -1000, 1000));
        var east = gf.toGeometry(new org.locationtech.jts.geom.Envelope(90, 1000, -1000, 1000));
        var w = fit.regionN(west).get(0);
        var e = fit.regionN(east).get(0);
        Tolerance sums = Tolerance.relative("halves vs whole", 1e-9);
        sums.assertClose(whole.expected().estimate(), w.expected().estimate() + e.expected().estimate(), "E(N)");
        sums.assertClose(whole.realised().estimate(), w.realised().estimate() + e.realised().estimate(), "realised N");
        sums.assertClose(ch.animalCount(), w.detectedInRegion() + e.detectedInRegion(), "detected animals");
        // density rises to the east (slope > 0): more animals expected there per hectare
        assertTrue(e.expected().estimate() / e.areaHectares() > w.expected().estimate() / w.areaHectares());
    }
}
