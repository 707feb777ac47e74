package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;

/**
 * {@link SecrLikelihood#conditionalLogLik}: the Poisson full likelihood less the Poisson terms of n is the conditional
 * likelihood of the same detection model and masks (Borchers &amp; Efford 2008, eq. 8), at any D.
 */
class ConditionalFromFullTest {
    /** Two computations of the same sums, rounded differently: log L of a few hundred to 1e-12 relative. */
    private static final Tolerance SAME = Tolerance.relative("conditional log L from the full one", 1e-11);

    /** The conditional log L of the detection coefficients of {@code full} at {@code beta}, from the CL likelihood. */
    private static double conditional(CaptureHistory ch, List<HabitatMask> masks, ParameterLayout full, ParameterLayout cl,
            double[] beta) {
        double[] b = new double[cl.size()];
        for (RealParameter p : cl.parameters()) {
            b[cl.indexOf(p)] = beta[full.indexOf(p)];
        }
        try (SecrLikelihood l = SecrLikelihood.of(ch, masks, cl, LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL))) {
            assertTrue(l.givesConditional());
            return l.conditionalLogLik(l.evaluate(b), b);
        }
    }

    @Test
    void thePoissonFullLikelihoodLessThePoissonTermsIsTheConditionalOneAtAnyD() {
        for (DetectorType type : new DetectorType[] {DetectorType.MULTI, DetectorType.PROXIMITY}) {
            CaptureHistory ch = TestSurveys.history(type, DetectionFunction.HN, 0, 17);
            List<HabitatMask> masks = List.of(TestSurveys.mask(ch.session(0).detectors()));
            ParameterLayout full = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
            ParameterLayout cl = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.CONDITIONAL);
            try (SecrLikelihood l = SecrLikelihood.of(ch, masks, full, LikelihoodOptions.defaults())) {
                assertTrue(l.givesConditional());
                for (double logD : new double[] {-1, 1.5, 4}) {
                    double[] beta = new double[full.size()];
                    TestSurveys.setIntercepts(full, beta);
                    beta[full.indexOf(RealParameter.D)] = logD;
                    SAME.assertClose(conditional(ch, masks, full, cl, beta), l.conditionalLogLik(l.evaluate(beta), beta),
                            type + " log D = " + logD);
                }
            }
        }
    }

    @Test
    void eachSessionsPoissonTermIsTakenAtItsOwnDensity() {
        CaptureHistory ch = TestSurveys.threeYears();
        List<HabitatMask> masks = List.of(HabitatMask.around(ch.session(0).detectors(), 60, 8));
        ParameterLayout full = ParameterLayout.bind(ModelSpec.of("D~Session"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch);
        ParameterLayout cl = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.CONDITIONAL);
        double[] beta = new double[full.size()];
        TestSurveys.setIntercepts(full, beta);
        beta[1] = -0.3; // D falls by a quarter a session
        try (SecrLikelihood l = SecrLikelihood.of(ch, masks, full, LikelihoodOptions.defaults())) {
            SAME.assertClose(conditional(ch, masks, full, cl, beta), l.conditionalLogLik(l.evaluate(beta), beta), "D~Session");
        }
    }

    @Test
    void aLikelihoodWhoseDensityEntersOtherwiseDoesNotGiveIt() {
        CaptureHistory ch = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 17);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout full = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), full,
                LikelihoodOptions.defaults().with(PopulationDistribution.BINOMIAL))) {
            assertFalse(l.givesConditional(), "binomial N");
            double[] beta = new double[full.size()];
            TestSurveys.setIntercepts(full, beta);
            SecrLikelihood.Evaluation e = l.evaluate(beta);
            assertThrows(IllegalArgumentException.class, () -> l.conditionalLogLik(e, beta));
        }
        HabitatMask withElev = DensitySurfaceTest.maskWithCovariates(ch.session(0).detectors());
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(withElev), DensitySurfaceTest.bind("D~elev", ch, withElev),
                LikelihoodOptions.defaults())) {
            assertFalse(l.givesConditional(), "density surface");
        }
    }
}
