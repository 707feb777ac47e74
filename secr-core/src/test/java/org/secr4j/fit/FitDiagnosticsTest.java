package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secr4j.TestSurveys;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;
import org.secr4j.result.HessianStatus;

/** Non-convergence and a singular Hessian are results, not exceptions. */
class FitDiagnosticsTest {
    private static final CaptureHistory CH = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 21);
    private static final HabitatMask MASK = TestSurveys.mask(CH.session(0).detectors());

    @Test
    void aFitStoppedByTheIterationLimitSaysItDidNotConverge() {
        FittedModel f = SecrFitter.with(FitOptions.defaults().withMaxIterations(1).withStart(0, 0, 2))
                .fit(CH, List.of(MASK), ModelSpec.constant());
        assertFalse(f.diagnostics().converged());
        assertEquals("iteration limit reached", f.diagnostics().message());
        assertTrue(f.warnings().stream().anyMatch(w -> w.contains("did not converge")), f.warnings().toString());
    }

    @Test
    void aConvergedFitReportsASmallGradientAndAnOkHessian() {
        FittedModel f = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        assertTrue(f.diagnostics().converged());
        assertEquals(HessianStatus.OK, f.diagnostics().hessianStatus());
        assertTrue(f.diagnostics().gradientNorm() < 1e-3, f.diagnostics().toString());
        assertTrue(f.coefficients().stream().allMatch(c -> c.se() > 0));
    }

    @Test
    void anIndefiniteMatrixIsNotInverted() {
        assertNull(SecrFitter.invertPositiveDefinite(new double[][] {{1, 2}, {2, 1}}));
        assertNull(SecrFitter.invertPositiveDefinite(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
    }

    @Test
    void withoutACovarianceEverySeIsNanButEstimatesRemain() {
        FittedModel ok = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        var lo = ok.likelihoodOptions();
        try (var l = org.secr4j.likelihood.SecrLikelihood.of(CH, List.of(MASK), ok.layout(), lo)) {
            FittedModel noVcov = new FittedModel(ok.spec(), ok.layout(), lo, CH, List.of(MASK), ok.beta(), null,
                    new org.secr4j.result.FitDiagnostics(true, 1, 1, 0, HessianStatus.NOT_POSITIVE_DEFINITE, "test"),
                    l.evaluate(ok.beta()), List.of(), 0);
            assertTrue(noVcov.coefficients().stream().allMatch(c -> Double.isNaN(c.se())));
            assertTrue(Double.isNaN(noVcov.predict().get(RealParameter.D).se()));
            assertEquals(ok.real(RealParameter.D), noVcov.real(RealParameter.D));
            assertTrue(Double.isNaN(noVcov.derived().get(0).densityPerHectare().se()));
        }
    }
}
