package org.secr4j.io.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.result.FittedModel;
import org.secr4j.trend.DensityTrend;

/**
 * The ovenbird density trend: secr's own test of {@code details$Dlambda} reports
 * λ = 0.9381376 for the ovenbird sessions 2005–2009 (D ~ Session ≡ D₁λ^(t−1)).
 */
@Tag("reference")
class DensityTrendReferenceTest {
    @Test
    void ovenbirdLambdaMatchesSecr() {
        ReferenceCase rc = ReferenceCase.load("ovenbird_DSession", "ovenbird", DetectorType.MULTI, 0);
        FittedModel fit = SecrFitter.with(FitOptions.defaults()).fit(rc.history, rc.masks, rc.model());
        assertEquals(0.9381376, DensityTrend.lambda(fit).estimate(), 1e-5);
        var profile = DensityTrend.lambdaProfile(fit, 0.95);
        assertTrue(profile.lower() < 0.9381376 && 0.9381376 < profile.upper(), profile.toString());
        // the session-on-session rates of a D ~ Session model all equal lambda
        for (var r : DensityTrend.sessionRates(fit)) {
            assertEquals(DensityTrend.lambda(fit).estimate(), r.lambda().estimate(), 1e-12);
        }
    }

    /**
     * The same data fitted as secr's {@code details = list(Dlambda = TRUE)} with {@code D ~ 1}: λ is
     * then a coefficient ({@code D.lambda} = log λ) and the likelihood is that of D ~ Session
     * (ovenbird_DSession's logLik).
     */
    @Test
    void ovenbirdDlambdaParameterisationGivesLambdaAsACoefficient() {
        ReferenceCase rc = ReferenceCase.load("ovenbird_DSession", "ovenbird", DetectorType.MULTI, 0);
        FittedModel fit = SecrFitter.with(FitOptions.defaults().withDlambda(true)).fit(rc.history, rc.masks,
                org.secr4j.model.ModelSpec.of("D~1", "g0~1", "sigma~1"));
        assertEquals(java.util.List.of("D", "D.lambda", "g0", "sigma"), fit.coefficientNames());
        assertEquals(0.9381376, Math.exp(fit.beta()[1]), 1e-5);
        assertEquals(0.9381376, DensityTrend.lambda(fit).estimate(), 1e-5);
        assertEquals(rc.json.get("logLik").asDouble(), fit.logLikelihood(), 1e-6);
    }
}
