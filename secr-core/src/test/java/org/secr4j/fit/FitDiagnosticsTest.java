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
    void theForwardDifferenceHessianIsExactForAQuadraticAndCostsOneGradientPerCoefficient() {
        double[][] a = {{4, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 2}};
        int[] calls = {0};
        Objective q = (x, g) -> { // f = x'Ax/2: gradient Ax, Hessian A
            calls[0]++;
            double f = 0;
            for (int i = 0; i < 3; i++) {
                g[i] = 0;
                for (int j = 0; j < 3; j++) {
                    g[i] += a[i][j] * x[j];
                }
                f += x[i] * g[i] / 2;
            }
            return f;
        };
        double[] x = {0.3, -1.2, 2.5};
        double[] gx = new double[3];
        q.valueAndGradient(x, gx);
        calls[0] = 0;
        double[][] h = SecrFitter.forwardHessian(q, x, gx);
        assertEquals(3, calls[0], "one gradient call per coefficient");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(a[i][j], h[i][j], 1e-9, "H[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void theReportedEvaluationAtTheMleIsTheLikelihoodThere() {
        FittedModel f = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        double[] beta = f.coefficients().stream().mapToDouble(c -> c.beta()).toArray();
        try (org.secr4j.likelihood.SecrLikelihood l = org.secr4j.likelihood.SecrLikelihood.of(CH, List.of(MASK),
                f.layout(), f.likelihoodOptions())) {
            assertEquals(l.value(beta), f.logLikelihood(), 0.0, "bit-identical to a fresh evaluation");
        }
    }

    @Test
    void anIndefiniteMatrixIsNotInverted() {
        assertNull(SecrFitter.invertPositiveDefinite(new double[][] {{1, 2}, {2, 1}}));
        assertNull(SecrFitter.invertPositiveDefinite(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
    }

    @Test
    void aPositiveDefiniteSeedIsInvertedAsItIs() {
        double[][] a = {{4, 1}, {1, 3}};
        double[][] inv = SecrFitter.seedInverseHessian(a);
        double[][] chol = SecrFitter.invertPositiveDefinite(a);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(chol[i][j], inv[i][j], 0.0, "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void anIndefiniteSeedIsReplacedByTheInverseOfItsAbsoluteEigenvalues() {
        // eigenvalues 3 on (1, 1) and -1 on (1, -1): |H| = [[2, 1], [1, 2]], whose inverse is [[2, -1], [-1, 2]] / 3
        double[][] inv = SecrFitter.seedInverseHessian(new double[][] {{1, 2}, {2, 1}});
        double[][] expected = {{2 / 3.0, -1 / 3.0}, {-1 / 3.0, 2 / 3.0}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[i][j], inv[i][j], 1e-12, "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void aSingularSeedHasItsZeroEigenvalueRaisedToTheFloor() {
        double[][] inv = SecrFitter.seedInverseHessian(new double[][] {{2, 0}, {0, 0}});
        assertEquals(0.5, inv[0][0], 1e-12);
        assertEquals(1 / (SecrFitter.SEED_EIGENVALUE_FLOOR * 2), inv[1][1], 1e-6);
        assertEquals(0, inv[0][1], 1e-12);
        assertNull(SecrFitter.seedInverseHessian(new double[][] {{0, 0}, {0, 0}}));
        assertNull(SecrFitter.seedInverseHessian(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
    }

    @Test
    void withoutACovarianceEverySeIsNanButEstimatesRemain() {
        FittedModel ok = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        var lo = ok.likelihoodOptions();
        try (var l = org.secr4j.likelihood.SecrLikelihood.of(CH, List.of(MASK), ok.layout(), lo)) {
            FittedModel noVcov = new FittedModel(ok.spec(), ok.layout(), lo, CH, List.of(MASK), ok.beta(), null,
                    new org.secr4j.result.FitDiagnostics(true, 1, 1, 0, HessianStatus.NOT_POSITIVE_DEFINITE,
                            org.secr4j.result.HessianMethod.GRADIENT, "test",
                            org.secr4j.result.CoarseStage.NONE),
                    l.evaluate(ok.beta()), List.of(), 0);
            assertTrue(noVcov.coefficients().stream().allMatch(c -> Double.isNaN(c.se())));
            assertTrue(Double.isNaN(noVcov.predict().get(RealParameter.D).se()));
            assertEquals(ok.real(RealParameter.D), noVcov.real(RealParameter.D));
            assertTrue(Double.isNaN(noVcov.derived().get(0).densityPerHectare().se()));
        }
    }
}
