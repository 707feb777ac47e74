package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.FittedModel;

class MonteCarloGofTest {
    /** Data sets per rejection study. */
    private static final int DATASETS = 24;
    /** Monte Carlo replicates per test. */
    private static final int MC = 39;
    private static final double ALPHA = 0.05;

    /**
     * Poisson-count detectors (8 × 8 at 25 m, 10 occasions, D = 8/ha): many detections per animal,
     * which show the shape of the detection function. Fitted with a half-normal.
     */
    private static SimulationScenario counts(CaptureSimulator truth) {
        DetectorArray det = CaptureSimulator.grid(DetectorType.COUNT, 8, 8, 25, 0, 0);
        HabitatMask mask = HabitatMask.around(det, 100, 8);
        return SimulationScenario.of("gof", det, 10, mask, 8, truth)
                .withModel(ModelSpec.constant(), FitOptions.defaults().with(DetectionFunction.HN));
    }

    @Test
    void wrongDetectionFunctionIsRejectedMoreOftenThanTheNominalRate() {
        GofRejectionStudy.Result right = GofRejectionStudy.run(
                counts(CaptureSimulator.of(DetectionFunction.HN, 0.2, 25, 0, 0)), DATASETS, MC, ALPHA, 11, 2);
        GofRejectionStudy.Result wrong = GofRejectionStudy.run(
                counts(CaptureSimulator.of(DetectionFunction.EX, 0.4, 12, 0, 0)), DATASETS, MC, ALPHA, 11, 2);
        System.out.println("GOF rejection rates at alpha 0.05 (" + DATASETS + " data sets, " + MC
                + " MC replicates): HN data fitted HN " + right.rates() + "; EX data fitted HN " + wrong.rates());
        assertEquals(DATASETS, right.tested());
        assertEquals(DATASETS, wrong.tested());
        double r = right.rates().get("individual-detector");
        double w = wrong.rates().get("individual-detector");
        assertTrue(w > 2 * ALPHA, "the wrong model is flagged more often than nominal: " + w);
        assertTrue(w > r + 0.2, "and far more often than the right one: " + w + " vs " + r);
        assertTrue(r <= 2 * ALPHA, "the right model is not flagged more than nominal (conservative test): " + r);
    }

    @Test
    void testIsReproducibleForASeedAndRefusesModelsItCannotHandle() {
        SimulationScenario sc = counts(CaptureSimulator.of(DetectionFunction.HN, 0.2, 25, 0, 0));
        CaptureHistory ch = sc.simulate(new SplittableRandom(3));
        FittedModel fit = SecrFitter.with(FitOptions.defaults().with(DetectionFunction.HN)).fit(ch,
                List.of(sc.fitMask()), ModelSpec.constant());
        MonteCarloGof.Result a = MonteCarloGof.test(fit, 9, true, new SplittableRandom(5));
        MonteCarloGof.Result b = MonteCarloGof.test(fit, 9, true, new SplittableRandom(5));
        assertEquals(a, b);
        for (MonteCarloGof.Statistic s : a.statistics()) {
            assertTrue(s.p() >= 0 && s.p() <= 1 && s.observed() > 0 && s.simulated() > 0, s.toString());
        }
        FittedModel bModel = SecrFitter.with(FitOptions.defaults().with(DetectionFunction.HN)).fit(ch,
                List.of(sc.fitMask()), ModelSpec.of("g0~b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonteCarloGof.test(bModel, 9, true, new SplittableRandom(5)));
        assertTrue(e.getMessage().contains("constant detection parameters"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> a.statistic("chi2"));
        assertTrue(unknown.getMessage().contains("individual-detector"), unknown.getMessage());
    }
}
