package org.secr4j.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secr4j.TestSurveys;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.Context;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;

class ModelComparisonTest {
    static final CaptureHistory CH = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 41);
    static final HabitatMask MASK = TestSurveys.mask(CH.session(0).detectors());

    static FittedModel fit(CaptureHistory ch, FitOptions o, String... f) {
        return SecrFitter.with(o).fit(ch, List.of(MASK), ModelSpec.of(f));
    }

    @Test
    void tableIsSortedByAiccWithWeightsSummingToOne() {
        Map<String, FittedModel> fits = new LinkedHashMap<>();
        fits.put("b", fit(CH, FitOptions.defaults(), "g0~b"));
        fits.put("null", fit(CH, FitOptions.defaults()));
        fits.put("T", fit(CH, FitOptions.defaults(), "g0~T"));
        ModelComparison t = ModelComparison.of(fits);
        assertEquals(0, t.rows().get(0).dAICc(), 0);
        double w = 0;
        for (int i = 0; i < t.rows().size(); i++) {
            ModelComparison.Row r = t.rows().get(i);
            w += r.aiccWeight();
            if (i > 0) {
                assertTrue(r.aicc() >= t.rows().get(i - 1).aicc());
            }
            assertEquals(r.fit().aicc() - t.rows().get(0).aicc(), r.dAICc(), 1e-12);
        }
        assertEquals(1, w, 1e-12);
        assertEquals(4, t.byName().get("b").npar());
    }

    @Test
    void fitsOfDifferentDataAreRefusedNamingThem() {
        CaptureHistory other = TestSurveys.history(DetectorType.MULTI, DetectionFunction.HN, 0, 42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelComparison.of(
                Map.of("first", fit(CH, FitOptions.defaults()), "second", fit(other, FitOptions.defaults()))));
        assertTrue(e.getMessage().contains("'first'") && e.getMessage().contains("'second'")
                && e.getMessage().contains("capture histories differ"), e.getMessage());
    }

    @Test
    void fullAndConditionalFitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelComparison.of(Map.of(
                "full", fit(CH, FitOptions.defaults()), "cl", fit(CH, FitOptions.defaults().with(LikelihoodType.CONDITIONAL)))));
        assertTrue(e.getMessage().contains("likelihood differ"), e.getMessage());
    }

    @Test
    void aProximityFitCollapsedOverOccasionsIsNotComparedWithOneThatCouldNotBe() {
        // fastproximity (the default) collapses the null model's proximity data over occasions, not g0~b's: their
        // log-likelihoods differ by the totals' binomial coefficients, and the collapsed one looks far better
        CaptureHistory prox = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 41);
        FittedModel nullFast = fit(prox, FitOptions.defaults());
        FittedModel learned = fit(prox, FitOptions.defaults(), "g0~b");
        assertTrue(nullFast.logLikelihood() > learned.logLikelihood(), "the collapsed log L carries the coefficients");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelComparison.of(Map.of("null", nullFast, "b", learned)));
        assertTrue(e.getMessage().contains("likelihood differ") && e.getMessage().contains(FittedModel.COLLAPSED)
                && e.getMessage().contains("fastproximity=FALSE"), e.getMessage());
        // fitted occasion by occasion, the two are nested: the null model's maximum is the lower
        FittedModel nullSlow = fit(prox, FitOptions.defaults().withFastProximity(false));
        ModelComparison t = ModelComparison.of(Map.of("null", nullSlow, "b", learned));
        assertEquals(2, t.rows().size());
        assertTrue(nullSlow.logLikelihood() <= learned.logLikelihood() + 1e-9,
                nullSlow.logLikelihood() + " against " + learned.logLikelihood());
    }

    @Test
    void likelihoodRatioTestOfNestedModels() {
        FittedModel reduced = fit(CH, FitOptions.defaults());
        FittedModel full = fit(CH, FitOptions.defaults(), "g0~b");
        ModelComparison.LikelihoodRatioTest lrt = ModelComparison.likelihoodRatio(reduced, full);
        assertEquals(1, lrt.df());
        assertEquals(2 * (full.logLikelihood() - reduced.logLikelihood()), lrt.statistic(), 1e-9);
        assertTrue(lrt.pValue() > 0 && lrt.pValue() <= 1);
    }

    @Test
    void averageOfOneModelIsThatModel() {
        FittedModel f = fit(CH, FitOptions.defaults());
        Estimate a = ModelComparison.of(Map.of("only", f)).average(RealParameter.SIGMA, new Context(0, 0, false));
        assertEquals(f.predict().get(RealParameter.SIGMA).estimate(), a.estimate(), 1e-12);
        assertEquals(f.predict().get(RealParameter.SIGMA).se(), a.se(), 1e-12);
    }
}
