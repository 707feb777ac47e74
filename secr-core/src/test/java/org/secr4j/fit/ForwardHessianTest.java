package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secr4j.TestSurveys;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.FittedModel;
import org.secr4j.result.HessianMethod;

/**
 * {@link HessianMethod#FORWARD}, the default: forward differences of the analytic gradient from the MLE, step
 * \( 10^{-6}\max(|x|, 1) \). On a cubic its error is known exactly, which pins the formula (forward, not central)
 * and the step; on a fit, it saves one gradient call per coefficient and gives the central differences' SEs to
 * its truncation error. D's column is taken in closed form ({@code SecrLikelihood#densityHessianColumns}): no gradient
 * call for it.
 */
class ForwardHessianTest {
    /** Roundoff of a first difference of gradients of order 10 over a step of 2e-6 (a few 1e-9). */
    private static final double ROUNDOFF = 1e-8;
    /** SEs against central differences: the O(h) error at h = 1e-6, measured at 4e-6 and below on this survey. */
    private static final double SE_RELATIVE = 2e-5;

    @Test
    void aCubicsSecondDerivativeCarriesTheErrorOfHalfAStepTimesTheThirdDerivative() {
        // f = x^3, g = 3x^2: (g(x + h) - g(x)) / h = 6x + 3h exactly
        Objective cubic = (x, g) -> {
            g[0] = 3 * x[0] * x[0];
            return x[0] * x[0] * x[0];
        };
        double[][] at2 = SecrFitter.forwardHessian(cubic, new double[] {2}, new double[] {12},
                SecrFitter.FORWARD_HESSIAN_STEP);
        assertEquals(12 + 3 * 2e-6, at2[0][0], ROUNDOFF, "h = 1e-6 * |x| for |x| > 1");
        double[][] atMinus3 = SecrFitter.forwardHessian(cubic, new double[] {-3}, new double[] {27},
                SecrFitter.FORWARD_HESSIAN_STEP);
        assertEquals(-18 + 3 * 3e-6, atMinus3[0][0], ROUNDOFF, "h = 1e-6 * |x|, upwards, for negative x");
    }

    @Test
    void theDefaultFitSavesOneGradientCallPerCoefficientAndOneForDAndGivesTheCentralSes() {
        CaptureHistory ch = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 21);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        FittedModel forward = SecrFitter.with(FitOptions.defaults()).fit(ch, List.of(mask), ModelSpec.constant());
        FittedModel central = SecrFitter.with(FitOptions.defaults().withHessianMethod(HessianMethod.GRADIENT))
                .fit(ch, List.of(mask), ModelSpec.constant());
        assertEquals(HessianMethod.FORWARD, forward.diagnostics().hessianMethod());
        int p = forward.beta().length;
        assertEquals(central.diagnostics().evaluations() - p - 1, forward.diagnostics().evaluations(),
                "p - 1 gradient calls at the MLE (D's column in closed form) instead of 2p");
        for (int i = 0; i < p; i++) {
            assertEquals(central.beta()[i], forward.beta()[i], 0.0, "the Hessian does not touch the estimates");
            double se = central.coefficients().get(i).se();
            assertEquals(se, forward.coefficients().get(i).se(), SE_RELATIVE * se, "coefficient " + i);
        }
    }

    @Test
    void knownColumnsAreTakenAsGivenAndNotEvaluated() {
        int[] calls = {0};
        Objective quadratic = (x, g) -> { // f = x0^2 + 3 x0 x1 + 5 x1^2
            calls[0]++;
            g[0] = 2 * x[0] + 3 * x[1];
            g[1] = 3 * x[0] + 10 * x[1];
            return x[0] * x[0] + 3 * x[0] * x[1] + 5 * x[1] * x[1];
        };
        double[] x = {1, 2};
        double[][] known = {null, {3, 10}};
        double[][] h = SecrFitter.forwardHessian(quadratic, x, new double[] {8, 23}, SecrFitter.FORWARD_HESSIAN_STEP, known);
        assertEquals(1, calls[0], "one gradient call, for the column not given");
        assertEquals(2, h[0][0], ROUNDOFF);
        assertEquals(3, h[0][1], ROUNDOFF);
        assertEquals(3, h[1][0], ROUNDOFF);
        assertEquals(10, h[1][1], 0.0);
    }
}
