package org.secr4j.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.FittedModel;

/**
 * secr's Dlambda parameterisation (first-session D and session-on-session rates λ) is a
 * reparameterisation: the same maximised likelihood as D ~ Session (constant λ) and D ~ session
 * (free rates), with λ = D_{t+1}/D_t read directly from the coefficients.
 */
class DlambdaTest {
    private static final Tolerance SAME_MAXIMUM = Tolerance.relative("same maximum, different parameterisation", 1e-8);
    private static final Tolerance SAME_MLE = Tolerance.relative("MLE to the optimizer's tolerance", 1e-4);


    @Test
    void constantLambdaIsDSessionReparameterised() {
        CaptureHistory ch = org.secr4j.TestSurveys.threeYears();
        List<HabitatMask> masks = List.of(HabitatMask.around(ch.session(0).detectors(), 60, 8));
        FittedModel trend = SecrFitter.with(FitOptions.defaults()).fit(ch, masks, ModelSpec.of("D~Session"));
        FittedModel dl = SecrFitter.with(FitOptions.defaults().withDlambda(true)).fit(ch, masks, ModelSpec.of("D~1"));
        SAME_MAXIMUM.assertClose(trend.logLikelihood(), dl.logLikelihood(), "logLik");
        SAME_MLE.assertClose(trend.beta()[1], dl.beta()[1], "log lambda");
        SAME_MLE.assertClose(DensityTrend.lambda(trend).estimate(), DensityTrend.lambda(dl).estimate(), "lambda");
        SAME_MLE.assertClose(DensityTrend.lambda(trend).se(), DensityTrend.lambda(dl).se(), "SE of lambda");
        assertEquals("D.lambda", dl.coefficientNames().get(1));
    }

    @Test
    void freeRatesAreDSessionReparameterised() {
        CaptureHistory ch = org.secr4j.TestSurveys.threeYears();
        List<HabitatMask> masks = List.of(HabitatMask.around(ch.session(0).detectors(), 60, 8));
        FittedModel free = SecrFitter.with(FitOptions.defaults()).fit(ch, masks, ModelSpec.of("D~session"));
        FittedModel dl = SecrFitter.with(FitOptions.defaults().withDlambda(true)).fit(ch, masks, ModelSpec.of("D~session"));
        SAME_MAXIMUM.assertClose(free.logLikelihood(), dl.logLikelihood(), "logLik");
        // lambda_1 = D_2/D_1 = exp(beta_lambda); lambda_2 = exp(beta_lambda + beta_lambda.session2026)
        List<DensityTrend.Rate> rates = DensityTrend.sessionRates(free);
        double[] b = dl.beta();
        SAME_MLE.assertClose(rates.get(0).lambda().estimate(), Math.exp(b[1]), "lambda 2024-2025");
        SAME_MLE.assertClose(rates.get(1).lambda().estimate(), Math.exp(b[1] + b[2]), "lambda 2025-2026");
    }
}
