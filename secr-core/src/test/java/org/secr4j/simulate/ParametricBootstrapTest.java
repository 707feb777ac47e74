package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.Deviance;
import org.secr4j.result.FittedModel;

class ParametricBootstrapTest {
    private static final double EXACT = 1e-9;
    /** Bootstrap and Hessian SEs of a well-determined coefficient agree within this fraction (60 replicates). */
    private static final double SE_AGREEMENT = 0.30;
    private static final DetectorArray TRAPS = CaptureSimulator.grid(DetectorType.MULTI, 6, 6, 30, 0, 0);
    private static final HabitatMask MASK = HabitatMask.around(TRAPS, 100, 15);
    private static final FitOptions HN = FitOptions.defaults().with(DetectionFunction.HN);

    private static FittedModel simulatedFit(long seed, FitOptions options) {
        SplittableRandom r = new SplittableRandom(seed);
        Session s = CaptureSimulator.of(DetectionFunction.HN, 0.3, 25, 0, 0).simulate("1",
                Population.poisson(MASK, 12, r), TRAPS, 5, r);
        return SecrFitter.with(options).fit(CaptureHistory.of(s), List.of(MASK), ModelSpec.constant());
    }

    @Test
    void devianceUsesSecrsSaturatedLikelihoodOverDistinctHistories() {
        // four animals: two share the history (occasion 1, trap 1), the others are unique
        List<Detection> d = List.of(new Detection(0, 0, 0, 1), new Detection(1, 0, 0, 1), new Detection(2, 1, 3, 1),
                new Detection(2, 2, 4, 1), new Detection(3, 0, 7, 1), new Detection(3, 3, 8, 1));
        Session s = Session.of("1", TRAPS, 4, List.of("a", "b", "c", "d"), null, d, CovariateTable.empty(4));
        HabitatMask mask = HabitatMask.around(TRAPS, 60, 15);
        for (FitOptions options : List.of(HN, HN.with(LikelihoodType.CONDITIONAL))) {
            FittedModel fit = SecrFitter.with(options).fit(CaptureHistory.of(s), List.of(mask), ModelSpec.constant());
            int n = 4;
            double groups = 2 * Math.log(2.0 / n) - Gamma.logGamma(3) + 2 * Math.log(1.0 / n);
            double sat = (options == HN ? n * Math.log(n) - n : Gamma.logGamma(n + 1.0)) + groups;
            Deviance dev = fit.deviance();
            assertEquals(3, dev.distinctHistories());
            assertEquals(sat, dev.saturatedLogLik(), EXACT);
            assertEquals(-2 * fit.logLikelihood() + 2 * sat, dev.deviance(), EXACT);
            assertEquals(3 - fit.parameterCount(), dev.residualDf());
        }
    }

    @Test
    void bootstrapSesAgreeWithTheHessianAndTheCorrectModelIsNotRejected() {
        FittedModel fit = simulatedFit(5, HN);
        ParametricBootstrap.Result b = ParametricBootstrap.run(fit, 60, 9, 2, null);
        System.out.printf(java.util.Locale.ROOT, "parametric bootstrap (60 replicates, %d fitted): deviance/df %.3f, "
                + "p = %.3f%n", b.fitted(), b.observedDevianceDf(), b.p());
        for (int j = 0; j < b.beta().length; j++) {
            System.out.printf(java.util.Locale.ROOT, "  %-8s beta %.4f  SE %.4f  bootstrap mean %.4f  SE %.4f%n",
                    b.coefficientNames().get(j), b.beta()[j], b.asymptoticSe()[j], b.bootstrapMean()[j],
                    b.bootstrapSe()[j]);
            assertEquals(1, b.bootstrapSe()[j] / b.asymptoticSe()[j], SE_AGREEMENT, b.coefficientNames().get(j));
            assertEquals(b.beta()[j], b.bootstrapMean()[j], 2 * b.asymptoticSe()[j]);
        }
        assertEquals(60, b.fitted() + b.failures().size());
        assertTrue(b.fitted() >= 57, "refits converged: " + b.fitted());
        assertTrue(b.p() > 0.05, "data simulated from the model fit it: p = " + b.p());
    }

    @Test
    void bootstrapIsThreadIndependentAndRefusesModelsItCannotSimulate() {
        FittedModel fit = simulatedFit(6, HN);
        ParametricBootstrap.Result one = ParametricBootstrap.run(fit, 6, 3, 1, null);
        ParametricBootstrap.Result two = ParametricBootstrap.run(fit, 6, 3, 2, null);
        assertArrayEquals(one.bootstrapSe(), two.bootstrapSe(), 0.0);
        assertArrayEquals(one.simulatedDevianceDf(), two.simulatedDevianceDf(), 0.0);
        assertEquals(one.p(), two.p(), 0.0);

        SplittableRandom r = new SplittableRandom(2);
        Session s = CaptureSimulator.of(DetectionFunction.HN, 0.3, 25, 0, 0).simulate("1",
                Population.poisson(MASK, 12, r), TRAPS, 5, r);
        FittedModel b = SecrFitter.with(HN).fit(CaptureHistory.of(s), List.of(MASK), ModelSpec.of("g0~b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParametricBootstrap.run(b, 5, 1, 1, null));
        assertTrue(e.getMessage().contains("every parameter constant"), e.getMessage());
    }
}
