package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secr4j.TestSurveys;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.FittedModel;

/**
 * The optimizer's gain rule ({@link FitOptions#withGainTolerance}, {@link BfgsMinimizer}): a fit stops where its next
 * step would raise log L by less than the tolerance, and what that leaves between its estimate and the maximum.
 */
class GainToleranceTest {
    private static final double TAU = FitOptions.DEFAULT_GAIN_TOLERANCE;
    /**
     * Coefficients within \( \sqrt{2\tau} \) standard errors of the maximum for a quadratic with the optimizer's
     * curvature; twice that for the curvature being BFGS's estimate of the Hessian, not the Hessian.
     */
    private static final double STANDARD_ERRORS = 2 * Math.sqrt(2 * TAU);

    /** A survey whose fit meets the gain rule before the gradient tolerance (with seed 8 the gradient comes first). */
    private static final CaptureHistory CH = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 1);
    private static final HabitatMask MASK = HabitatMask.around(CH.session(0).detectors(), 60, 5);

    private static FittedModel fit(FitOptions o) {
        return SecrFitter.with(o).fit(CH, List.of(MASK), ModelSpec.constant());
    }

    @Test
    void aFitStoppedByTheGainRuleIsWithinItsBoundOfTheMaximumWithFewerEvaluations() {
        FittedModel gain = fit(FitOptions.defaults());
        FittedModel gradient = fit(FitOptions.defaults().withGainTolerance(0));
        assertEquals("predicted gain below tolerance", gain.diagnostics().message());
        assertTrue(gain.diagnostics().converged());
        assertTrue(gradient.diagnostics().converged(), gradient.diagnostics().message());
        assertTrue(gain.diagnostics().evaluations() < gradient.diagnostics().evaluations(),
                gain.diagnostics().evaluations() + " evaluations with the gain rule, " + gradient.diagnostics().evaluations()
                        + " without");
        // log L: the gain the model promised, at most tau, and the quadratic model's own error
        double shortfall = gradient.logLikelihood() - gain.logLikelihood();
        assertTrue(shortfall >= -1e-12 && shortfall < 2 * TAU, "log L below the maximum by " + shortfall);
        for (int j = 0; j < gain.beta().length; j++) {
            double se = gradient.coefficients().get(j).se();
            String name = gradient.coefficients().get(j).name();
            assertEquals(gradient.beta()[j], gain.beta()[j], STANDARD_ERRORS * se, name);
            assertEquals(se, gain.coefficients().get(j).se(), 1e-4 * se, "SE of " + name);
        }
    }

    @Test
    void theGainRuleWaitsForACurvatureEstimate() {
        // a shallow bowl: at the start the gradient is small and the unit matrix, BFGS's first inverse Hessian, would
        // promise a gain of 8e-12 below the tolerance; the true step promises 4e-6
        Objective shallow = (x, g) -> {
            g[0] = 2e-6 * (x[0] - 1);
            return 1e-6 * (x[0] - 1) * (x[0] - 1);
        };
        BfgsMinimizer.Result r = new BfgsMinimizer(50, 1e-9, TAU).minimize(shallow, new double[] {3});
        assertTrue(r.converged(), r.message());
        assertEquals(1, r.x()[0], 1e-3, "the minimum, not the start");
    }

    @Test
    void aSeededSearchStopsAtTheGainToleranceWithinItsBound() {
        // a Poisson log-likelihood's negative in log means, minimum at log(y): a smooth bowl that is not quadratic
        double[] y = {3, 40, 7};
        Objective poisson = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double mu = Math.exp(x[i]);
                f += mu - y[i] * x[i];
                g[i] = mu - y[i];
            }
            return f;
        };
        double[] start = {0.5, 3.0, 2.5};
        double[][] seed = new double[3][3];
        for (int i = 0; i < 3; i++) {
            seed[i][i] = Math.exp(-start[i]); // the inverse Hessian at the start
        }
        double[] g0 = new double[3];
        double f0 = poisson.valueAndGradient(start.clone(), g0);
        BfgsMinimizer.Result withRule = new BfgsMinimizer(100, 1e-12, TAU).minimize(poisson, start, f0, g0.clone(), seed);
        BfgsMinimizer.Result without = new BfgsMinimizer(100, 1e-12, 0).minimize(poisson, start, f0, g0.clone(), seed);
        assertEquals("predicted gain below tolerance", withRule.message());
        assertTrue(withRule.evaluations() < without.evaluations(),
                withRule.evaluations() + " evaluations with the rule, " + without.evaluations() + " without");
        for (int i = 0; i < 3; i++) {
            double se = 1 / Math.sqrt(y[i]); // at the minimum the Hessian is diag(y)
            assertEquals(Math.log(y[i]), withRule.x()[i], STANDARD_ERRORS * se, "x[" + i + "]");
        }
    }

    @Test
    void aNegativeOrNonFiniteGainToleranceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().withGainTolerance(-1e-10));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().withGainTolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.defaults().withGainTolerance(Double.POSITIVE_INFINITY));
        assertEquals(0, FitOptions.defaults().withGainTolerance(0).gainTolerance());
    }
}
