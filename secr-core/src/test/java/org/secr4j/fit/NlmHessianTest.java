package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
 * {@link HessianMethod#NLM}: nlm's forward-difference Hessian (Dennis &amp; Schnabel 1983, A5.6.2). On
 * polynomials its error is known exactly, which pins the formula (forward, not central), the step
 * \( 10^{-4}\max(x, 1) \) with the signed x, and the number of calls.
 */
class NlmHessianTest {
    /** Roundoff allowance for second differences of values of order 1 with steps of 1e-4. */
    private static final double ROUNDOFF = 1e-6;

    @Test
    void aCubicsSecondDerivativeCarriesTheForwardDifferenceErrorOfOneStep() {
        // f = x^3: (f(x+2h) - 2 f(x+h) + f(x)) / h^2 = 6x + 6h exactly
        double[][] at2 = SecrFitter.nlmHessian(x -> x[0] * x[0] * x[0], new double[] {2}, 8);
        assertEquals(12 + 6 * 2e-4, at2[0][0], ROUNDOFF, "h = 1e-4 * x for x > 1");
        double[][] atMinus3 = SecrFitter.nlmHessian(x -> x[0] * x[0] * x[0], new double[] {-3}, -27);
        assertEquals(-18 + 6 * 1e-4, atMinus3[0][0], ROUNDOFF, "h = 1e-4 * max(x, 1) = 1e-4 for negative x, not 3e-4");
    }

    @Test
    void aCrossDerivativeUsesTheCornerAndBothForwardPoints() {
        // f = a^2 b: [f(a+h, b+k) - f(a+h, b) - f(a, b+k) + f(a, b)] / (hk) = 2a + h
        double[] x = {1.5, -0.7};
        double[][] h = SecrFitter.nlmHessian(v -> v[0] * v[0] * v[1], x, x[0] * x[0] * x[1]);
        assertEquals(2 * 1.5 + 1.5e-4, h[0][1], ROUNDOFF);
        assertEquals(h[0][1], h[1][0], 0.0, "symmetric");
        assertEquals(2 * -0.7, h[0][0], ROUNDOFF, "f'' in a is 2b, and f''' in a is 0");
        assertEquals(0, h[1][1], ROUNDOFF);
    }

    @Test
    void givenTheValueAtTheEstimateItCallsTheFunctionPTimesPPlusThreeOverTwo() {
        int[] calls = {0};
        SecrFitter.nlmHessian(v -> {
            calls[0]++;
            return v[0] * v[1] + v[2] * v[3];
        }, new double[] {1, 2, 3, 4}, 1 * 2 + 3 * 4);
        assertEquals(4 * 7 / 2, calls[0]);
    }

    @Test
    void aFitWithNlmsHessianHasTheSameEstimatesAndSesWithinItsTruncationError() {
        CaptureHistory ch = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 21);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        FittedModel gradient = SecrFitter.with(FitOptions.defaults().withHessianMethod(HessianMethod.GRADIENT))
                .fit(ch, List.of(mask), ModelSpec.constant());
        FittedModel nlm = SecrFitter.with(FitOptions.defaults().withHessianMethod(HessianMethod.NLM))
                .fit(ch, List.of(mask), ModelSpec.constant());
        assertEquals(HessianMethod.GRADIENT, gradient.diagnostics().hessianMethod());
        assertEquals(HessianMethod.NLM, nlm.diagnostics().hessianMethod());
        for (int i = 0; i < gradient.beta().length; i++) {
            assertEquals(gradient.beta()[i], nlm.beta()[i], 0.0, "the Hessian does not touch the estimates");
            double se = gradient.coefficients().get(i).se();
            double seNlm = nlm.coefficients().get(i).se();
            assertEquals(se, seNlm, 2e-3 * se, "coefficient " + i);
            assertNotEquals(se, seNlm, "a different computation");
        }
    }
}
