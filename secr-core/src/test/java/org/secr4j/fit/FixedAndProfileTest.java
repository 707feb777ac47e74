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
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;

class FixedAndProfileTest {
    static final CaptureHistory CH = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 51);
    static final HabitatMask MASK = TestSurveys.mask(CH.session(0).detectors());

    @Test
    void aFixedParameterHasNoCoefficientAndKeepsItsValue() {
        FittedModel f = SecrFitter.with(FitOptions.defaults().withFixed(RealParameter.G0, 0.2)).fit(CH, List.of(MASK),
                ModelSpec.constant());
        assertEquals(List.of("D", "sigma"), f.coefficientNames());
        assertEquals(0.2, f.predict().get(RealParameter.G0).estimate(), 1e-15);
        assertEquals(0, f.predict().get(RealParameter.G0).se());
        assertTrue(f.diagnostics().converged());
        // the fixed-g0 maximum cannot exceed the free maximum
        FittedModel free = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        assertTrue(f.logLikelihood() <= free.logLikelihood() + 1e-9);
    }

    @Test
    void fixingAtTheMleReproducesTheFreeFit() {
        FittedModel free = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        double g0 = free.real(RealParameter.G0);
        FittedModel f = SecrFitter.with(FitOptions.defaults().withFixed(RealParameter.G0, g0)).fit(CH, List.of(MASK),
                ModelSpec.constant());
        assertEquals(free.logLikelihood(), f.logLikelihood(), 1e-7);
        assertEquals(free.real(RealParameter.SIGMA), f.real(RealParameter.SIGMA), 1e-4 * free.real(RealParameter.SIGMA));
    }

    @Test
    void aFixedParameterWithAFormulaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecrFitter
                .with(FitOptions.defaults().withFixed(RealParameter.G0, 0.2)).fit(CH, List.of(MASK), ModelSpec.of("g0~b")));
        assertTrue(e.getMessage().contains("fixed") && e.getMessage().contains("g0"), e.getMessage());
    }

    @Test
    void profileIntervalBoundsSitWhereTheDevianceRisesByTheChiSquareQuantile() {
        FittedModel fit = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
        int j = fit.layout().indexOf(RealParameter.SIGMA);
        ProfileLikelihood.Interval i = ProfileLikelihood.coefficient(fit, j, 0.95);
        double b = fit.beta()[j];
        assertTrue(i.lower() < b && b < i.upper(), i.toString());
        // near the Wald interval for a well-determined coefficient
        var c = fit.coefficients().get(j);
        assertEquals(c.lcl(), i.lower(), 0.25 * c.se());
        assertEquals(c.ucl(), i.upper(), 0.25 * c.se());
        // the deficit at a bound is chi2(1, 0.95)/2 = 1.9207: check by fixing sigma there
        FittedModel atBound = SecrFitter.with(FitOptions.defaults().withFixed(RealParameter.SIGMA, Math.exp(i.upper())))
                .fit(CH, List.of(MASK), ModelSpec.constant());
        assertEquals(1.920729, fit.logLikelihood() - atBound.logLikelihood(), 1e-4);
    }
}
