package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.Link;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;

/**
 * D's columns of the Hessian of log L in closed form ({@link SecrLikelihood#densityHessianColumns}) against central
 * differences of the analytic gradient, and the models it declines.
 */
class DensityHessianColumnsTest {
    private static final double STEP = 1e-4;
    /**
     * Central differences of the gradient at step 1e-4, each entry over the column's largest: a truncation error of
     * order \( h^2 \) times the third derivative and the gradient's rounding over h, both below 1e-7 here.
     */
    private static final Tolerance CENTRAL = new Tolerance("Hessian column vs central differences of the gradient", 1e-6,
            1.0);

    /** Asserts every D column against central differences of the gradient in that coefficient. */
    private static void assertColumnsMatchDifferences(SecrLikelihood l, double[] beta, String what) {
        int n = beta.length;
        double[][] columns = l.densityHessianColumns(l.evaluate(beta), beta);
        assertNotNull(columns, what);
        int d = l.layout().indexOf(RealParameter.D);
        int found = 0;
        for (int j = 0; j < n; j++) {
            boolean isD = l.layout().coefficientNames().get(j).startsWith("D");
            if (!isD) {
                assertNull(columns[j], what + ": column " + j);
                continue;
            }
            found++;
            double[] up = beta.clone();
            double[] dn = beta.clone();
            up[j] += STEP;
            dn[j] -= STEP;
            double[] gu = new double[n];
            double[] gd = new double[n];
            l.valueAndGradient(up, gu);
            l.valueAndGradient(dn, gd);
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs((gu[i] - gd[i]) / (2 * STEP)));
            }
            for (int i = 0; i < n; i++) {
                double fd = (gu[i] - gd[i]) / (2 * STEP);
                CENTRAL.assertClose(fd / scale, columns[j][i] / scale,
                        what + " d2logL/d" + l.layout().coefficientNames().get(i) + " d" + l.layout().coefficientNames().get(j));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(d >= 0 && found > 0, what + ": no D column");
    }

    private static double[] offMle(ParameterLayout layout) {
        double[] beta = new double[layout.size()];
        TestSurveys.setIntercepts(layout, beta);
        for (int j = 0; j < beta.length; j++) {
            if (beta[j] == 0) {
                beta[j] = 0.1 * (j + 1); // slopes and contrasts off zero
            }
        }
        return beta;
    }


    @Test
    void theConstantDensitysColumnIsTheSecondDerivativeOfThePoissonTerm() {
        for (DetectorType type : new DetectorType[] {DetectorType.MULTI, DetectorType.PROXIMITY}) {
            for (DetectionFunction fn : new DetectionFunction[] {DetectionFunction.HN, DetectionFunction.EX,
                DetectionFunction.HR}) {
                CaptureHistory ch = TestSurveys.history(type, fn, 0, 17);
                HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
                ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL);
                try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, LikelihoodOptions.defaults())) {
                    assertColumnsMatchDifferences(l, offMle(layout), type + " " + fn);
                }
            }
        }
    }

    @Test
    void aSessionTrendAndTheIdentityLinkAndAMixtureHaveTheirColumnsToo() {
        CaptureHistory ch = org.secr4j.TestSurveys.threeYears();
        List<HabitatMask> masks = List.of(HabitatMask.around(ch.session(0).detectors(), 60, 8));
        ParameterLayout trend = ParameterLayout.bind(ModelSpec.of("D~Session", "g0~session"), DetectionFunction.HN,
                LikelihoodType.FULL, Map.of(), ch);
        try (SecrLikelihood l = SecrLikelihood.of(ch, masks, trend, LikelihoodOptions.defaults())) {
            assertColumnsMatchDifferences(l, offMle(trend), "D~Session");
        }
        ParameterLayout identity = ParameterLayout.bind(ModelSpec.of("D~session"), DetectionFunction.HN,
                LikelihoodType.FULL, Map.of(RealParameter.D, Link.IDENTITY), ch);
        double[] b = offMle(identity);
        b[0] = 9; // D itself on the identity link
        try (SecrLikelihood l = SecrLikelihood.of(ch, masks, identity, LikelihoodOptions.defaults())) {
            assertColumnsMatchDifferences(l, b, "D~session, identity link");
        }
        ParameterLayout lambda = ParameterLayout.bind(ModelSpec.of("D~1"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch).withDlambda();
        try (SecrLikelihood l = SecrLikelihood.of(ch, masks, lambda, LikelihoodOptions.defaults())) {
            assertColumnsMatchDifferences(l, offMle(lambda), "Dlambda");
        }
        CaptureHistory one = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 17);
        ParameterLayout h2 = ParameterLayout.bind(ModelSpec.of("g0~h2"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), one);
        try (SecrLikelihood l = SecrLikelihood.of(one, List.of(TestSurveys.mask(one.session(0).detectors())), h2,
                LikelihoodOptions.defaults())) {
            assertColumnsMatchDifferences(l, offMle(h2), "g0~h2");
        }
    }

    @Test
    void modelsWhereDEntersOtherwiseHaveNoClosedFormColumns() {
        CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 17);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout full = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        double[] b = offMle(full);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), full,
                LikelihoodOptions.defaults().with(PopulationDistribution.BINOMIAL))) {
            assertNull(l.densityHessianColumns(l.evaluate(b), b), "binomial N");
        }
        ParameterLayout cl = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.CONDITIONAL);
        double[] bc = offMle(cl);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), cl, LikelihoodOptions.defaults().with(
                LikelihoodType.CONDITIONAL))) {
            assertNull(l.densityHessianColumns(l.evaluate(bc), bc), "conditional likelihood");
        }
        ParameterLayout fixed = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch, Map.of(RealParameter.D, 5.0));
        double[] bf = offMle(fixed);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), fixed, LikelihoodOptions.defaults())) {
            assertNull(l.densityHessianColumns(l.evaluate(bf), bf), "D fixed");
        }
        HabitatMask withElev = DensitySurfaceTest.maskWithCovariates(ch.session(0).detectors());
        ParameterLayout surface = DensitySurfaceTest.bind("D~elev", ch, withElev);
        double[] bs = DensitySurfaceTest.start(surface);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(withElev), surface, LikelihoodOptions.defaults())) {
            assertNull(l.densityHessianColumns(l.evaluate(bs), bs), "density surface");
        }
    }
}
