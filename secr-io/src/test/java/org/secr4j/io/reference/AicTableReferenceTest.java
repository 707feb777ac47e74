package org.secr4j.io.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.result.FittedModel;
import org.secr4j.result.ModelComparison;

/**
 * secr's AIC table of captdata_HN (null model) against captdata_g0b (g0 ~ b): npar, logLik, AIC
 * and AICc as in their reference JSONs (same mask); dAICc and weights computed from those AICc.
 */
@Tag("reference")
class AicTableReferenceTest {
    @Test
    void aicTableOfNullAndLearnedResponseMatchesSecr() {
        ReferenceCase nul = ReferenceCase.load("captdata_HN", "captdata", DetectorType.SINGLE, 0);
        ReferenceCase b = ReferenceCase.load("captdata_g0b", "captdata", DetectorType.SINGLE, 0);
        FittedModel f0 = SecrFitter.with(FitOptions.defaults()).fit(nul.history, nul.masks, nul.model());
        FittedModel fb = SecrFitter.with(FitOptions.defaults()).fit(b.history, nul.masks, b.model());
        ModelComparison t = ModelComparison.of(Map.of("captdata_HN", f0, "captdata_g0b", fb));
        double best = Math.min(nul.json.get("AICc").asDouble(), b.json.get("AICc").asDouble());
        double w0 = Math.exp(-(nul.json.get("AICc").asDouble() - best) / 2);
        double wb = Math.exp(-(b.json.get("AICc").asDouble() - best) / 2);
        for (ReferenceCase rc : new ReferenceCase[] {nul, b}) {
            ModelComparison.Row r = t.byName().get(rc.name);
            assertEquals(rc.json.get("npar").asInt(), r.npar(), rc.name);
            assertEquals(rc.logLik(), r.logLik(), 1e-6, rc.name + " logLik");
            assertEquals(rc.json.get("AIC").asDouble(), r.aic(), 1e-3, rc.name + " AIC");
            assertEquals(rc.json.get("AICc").asDouble(), r.aicc(), 1e-3, rc.name + " AICc");
            assertEquals(rc.json.get("AICc").asDouble() - best, r.dAICc(), 2e-3, rc.name + " dAICc");
            double w = (rc == nul ? w0 : wb) / (w0 + wb);
            assertEquals(w, r.aiccWeight(), 1e-3, rc.name + " AICc weight");
        }
        System.out.print(t);
    }
}
