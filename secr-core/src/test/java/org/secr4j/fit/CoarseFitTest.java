package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.CoarseStage;
import org.secr4j.result.FittedModel;

/**
 * The coarse stage on thinned masks ({@link CoarseFit}, {@link FitOptions#withCoarseFit}): where it runs, what it
 * changes (the start and the number of full evaluations) and what it does not (the MLE).
 */
class CoarseFitTest {
    /**
     * Between fits from different starts, each converged to the optimizer's gradient tolerance (1e-6): the
     * estimates agree to about that tolerance over the curvature, the log-likelihoods to its square.
     */
    private static final double SAME_ESTIMATE = 1e-5;
    private static final Tolerance SAME_LOG_LIKELIHOOD = Tolerance.relative("log L from two starts", 1e-10);

    private static final CaptureHistory CH = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 8);
    /** 5 m spacing with σ near 18 m: thinned to every 2nd row and column, a quarter of the points. */
    private static final HabitatMask MASK = HabitatMask.around(CH.session(0).detectors(), 60, 5);

    private static FittedModel fit(FitOptions o, HabitatMask mask, ModelSpec spec) {
        return SecrFitter.with(o).fit(CH, List.of(mask), spec);
    }

    @Test
    void theCoarseStageReachesTheSameEstimateWithFewerFullEvaluations() {
        FittedModel coarse = fit(FitOptions.defaults(), MASK, ModelSpec.constant());
        FittedModel direct = fit(FitOptions.defaults().withCoarseFit(false), MASK, ModelSpec.constant());
        CoarseStage stage = coarse.diagnostics().coarse();
        assertTrue(stage.used(), stage.toString());
        assertTrue(2 * stage.maskPoints() <= MASK.size(), stage + " of " + MASK.size() + " points");
        assertTrue(stage.evaluations() > 0, stage.toString());
        assertEquals(CoarseStage.NONE, direct.diagnostics().coarse());
        assertTrue(coarse.diagnostics().converged() && direct.diagnostics().converged());
        assertTrue(coarse.diagnostics().evaluations() < direct.diagnostics().evaluations(),
                coarse.diagnostics().evaluations() + " full evaluations with the coarse stage, "
                        + direct.diagnostics().evaluations() + " without");
        assertArrayEquals(direct.beta(), coarse.beta(), SAME_ESTIMATE);
        SAME_LOG_LIKELIHOOD.assertClose(direct.logLikelihood(), coarse.logLikelihood(), "log L");
        for (int j = 0; j < direct.beta().length; j++) {
            assertEquals(direct.coefficients().get(j).se(), coarse.coefficients().get(j).se(),
                    1e-3 * direct.coefficients().get(j).se(), "SE of " + direct.coefficients().get(j).name());
        }
    }

    @Test
    void aMaskThatThinningWouldNotHalveIsFittedWithoutACoarseStage() {
        HabitatMask wide = HabitatMask.around(CH.session(0).detectors(), 60, 12); // spacing 12 m: not thinned
        assertEquals(null, StartValues.thinnedMasks(CH, List.of(wide)));
        FittedModel f = fit(FitOptions.defaults(), wide, ModelSpec.constant());
        assertEquals(CoarseStage.NONE, f.diagnostics().coarse());
        assertTrue(f.diagnostics().converged());
    }

    @Test
    void aMaskCovariateOfTheDensityModelIsFittedOnTheThinnedMaskToo() {
        double[] elev = new double[MASK.size()];
        for (int i = 0; i < elev.length; i++) {
            elev[i] = (MASK.y(i) - 50) / 100;
        }
        HabitatMask withElev = MASK.withCovariates(CovariateTable.of(MASK.size(), List.of(Covariate.numeric("elev", elev))));
        List<HabitatMask> thin = StartValues.thinnedMasks(CH, List.of(withElev));
        assertTrue(thin.get(0).covariates().names().contains("elev"), "the thinned mask keeps the covariate");
        ModelSpec spec = ModelSpec.of("D~elev");
        FittedModel coarse = fit(FitOptions.defaults(), withElev, spec);
        FittedModel direct = fit(FitOptions.defaults().withCoarseFit(false), withElev, spec);
        assertTrue(coarse.diagnostics().coarse().used());
        assertArrayEquals(direct.beta(), coarse.beta(), SAME_ESTIMATE);
        SAME_LOG_LIKELIHOOD.assertClose(direct.logLikelihood(), coarse.logLikelihood(), "log L, D~elev");
    }

    @Test
    void aFactorLevelThatThinningRemovesLeavesTheCoarseStageUnusedAndSaysWhy() {
        double x0 = MASK.x(0);
        String[] habitat = new String[MASK.size()];
        for (int i = 0; i < habitat.length; i++) { // one column of the grid that every-2nd-column thinning drops
            habitat[i] = Math.round((MASK.x(i) - x0) / MASK.spacingMetres()) == 1 ? "wet" : "dry";
        }
        HabitatMask m = MASK.withCovariates(CovariateTable.of(MASK.size(), List.of(Covariate.factor("habitat", habitat))));
        FittedModel f = fit(FitOptions.defaults(), m, ModelSpec.of("D~habitat"));
        CoarseStage stage = f.diagnostics().coarse();
        assertFalse(stage.used(), stage.toString());
        assertEquals(0, stage.evaluations());
        assertTrue(stage.maskPoints() > 0 && stage.note().contains("coefficients"), stage.note());
        assertEquals(3 + 1, f.beta().length, "D, D.habitatwet, g0, sigma");
    }

    @Test
    void aCoarseStageThatDoesNotConvergeIsCountedAndNotUsed() {
        FittedModel f = fit(FitOptions.defaults().withMaxIterations(1), MASK, ModelSpec.constant());
        CoarseStage stage = f.diagnostics().coarse();
        assertFalse(stage.used(), stage.toString());
        assertTrue(stage.evaluations() > 0 && stage.maskPoints() > 0, stage.toString());
        assertTrue(stage.note().contains("did not converge"), stage.note());
        assertFalse(f.diagnostics().converged());
    }

    /**
     * With the conditional likelihood the start values are a candidate of the intercept climb, which ran on the
     * stage's likelihood: the stage takes the climb's evaluation there instead of repeating it. The same estimate and
     * seed to the bit as a stage that evaluates its start itself, with one evaluation fewer.
     */
    @Test
    void theConditionalStageReusesTheClimbsEvaluationAtItsStart() {
        org.secr4j.likelihood.LikelihoodOptions cl = org.secr4j.likelihood.LikelihoodOptions.defaults()
                .with(org.secr4j.model.LikelihoodType.CONDITIONAL).withThreads(1);
        java.util.function.Function<List<HabitatMask>, org.secr4j.design.ParameterLayout> bind =
                ms -> org.secr4j.design.ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN,
                        org.secr4j.model.LikelihoodType.CONDITIONAL, java.util.Map.of(), CH);
        List<String> names = bind.apply(List.of(MASK)).coefficientNames();
        try (CoarseFit.Stage climbed = CoarseFit.prepare(CH, List.of(MASK), bind, names, cl);
                CoarseFit.Stage fresh = CoarseFit.prepare(CH, List.of(MASK), bind, names, cl)) {
            double[] start = StartValues.compute(CH, List.of(MASK), bind.apply(List.of(MASK)), cl, climbed);
            assertTrue(climbed.evaluatedAt(start) != null, "the climb evaluated the start on the stage's likelihood");
            CoarseFit.Outcome reused = CoarseFit.run(climbed, start, 100, 1e-6, 1e-8);
            CoarseFit.Outcome own = CoarseFit.run(fresh, start, 100, 1e-6, 1e-8);
            assertTrue(reused.found() && own.found());
            assertArrayEquals(own.estimate(), reused.estimate(), 0.0);
            for (int i = 0; i < start.length; i++) {
                assertArrayEquals(own.inverseHessianSeed()[i], reused.inverseHessianSeed()[i], 0.0);
            }
            assertEquals(own.evaluations() - 1, reused.evaluations());
        }
    }

    @Test
    void theCoarseStageGivesTheSameBitsWithOneAndTwoThreads() {
        FittedModel one = fit(FitOptions.defaults().withThreads(1), MASK, ModelSpec.constant());
        FittedModel two = fit(FitOptions.defaults().withThreads(2), MASK, ModelSpec.constant());
        assertTrue(one.diagnostics().coarse().used());
        assertArrayEquals(one.beta(), two.beta(), 0.0);
        assertEquals(one.logLikelihood(), two.logLikelihood(), 0.0);
        assertEquals(one.diagnostics(), two.diagnostics());
    }
}
