package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;

/**
 * Simulation studies of 200 replicates (issue: mean D̂ within 2% of the truth, 95% interval
 * coverage between 92% and 98%). The summaries are printed so that the figures can be quoted.
 */
class SimulationStudyTest {
    private static final int REPLICATES = 200;
    /** |mean D̂ / D - 1| allowed. */
    private static final double RELATIVE_BIAS = 0.02;
    private static final double COVERAGE_LOW = 0.92;
    private static final double COVERAGE_HIGH = 0.98;

    /** captdata-like: 10 × 10 multi-catch traps 30 m apart, 5 occasions, HN, D = 5/ha, g0 = 0.27, σ = 29 m. */
    static SimulationScenario captdataLike() {
        DetectorArray traps = CaptureSimulator.grid(DetectorType.MULTI, 10, 10, 30, 0, 0);
        HabitatMask mask = HabitatMask.around(traps, 120, 10);
        return SimulationScenario.of("captdata-like", traps, 5, mask, 5.0,
                CaptureSimulator.of(DetectionFunction.HN, 0.27, 29, 0, 0));
    }

    /**
     * Camera traps: 6 × 6 binary proximity detectors 1.5 km apart, 8 occasions, HN g0 = 0.15,
     * σ 1 km for females and 2 km for males (1:1), D = 0.005/ha (50 per 100 km²); fitted with
     * {@code sigma ~ h2} as a hybrid mixture on the known sex (secr's hcov).
     */
    static SimulationScenario camerasWithSexSpecificSigma() {
        DetectorArray cams = CaptureSimulator.grid(DetectorType.PROXIMITY, 6, 6, 1500, 0, 0);
        HabitatMask mask = HabitatMask.around(cams, 8000, 600);
        CaptureSimulator sim = CaptureSimulator.of(DetectionFunction.HN, 0.15, 1000, 0, 0)
                .withClass("sex", "F", 0.15, 1000).withClass("sex", "M", 0.15, 2000);
        return SimulationScenario.of("cameras-sex-sigma", cams, 8, mask, 0.005, sim)
                .withFactor("sex", List.of("F", "M"), 0.5, 0.5)
                .withModel(ModelSpec.of("D~1", "g0~1", "sigma~h2"),
                        FitOptions.defaults().with(DetectionFunction.HN).withHcov("sex"));
    }

    private static void assertUnbiasedWithNominalCoverage(ScenarioSummary s) {
        System.out.printf(java.util.Locale.ROOT,
                "%s: %d replicates (%d usable), mean n %.1f, D %.5g, mean D-hat %.5g, RB %+.4f, RRMSE %.4f, "
                        + "mean RSE %.4f, empirical RSE %.4f, coverage %.3f%n",
                s.scenario(), s.replicates(), s.usable(), s.meanAnimals(), s.trueDensity(), s.meanEstimate(),
                s.relativeBias(), s.relativeRmse(), s.meanRse(), s.empiricalRse(), s.coverage());
        assertTrue(s.usable() >= 0.98 * s.replicates(), "usable replicates " + s.usable());
        assertTrue(Math.abs(s.relativeBias()) <= RELATIVE_BIAS, "relative bias " + s.relativeBias());
        assertTrue(s.coverage() >= COVERAGE_LOW && s.coverage() <= COVERAGE_HIGH, "coverage " + s.coverage());
    }

    @Test
    void captdataLikeStudyIsUnbiasedWithNominalCoverage() {
        AtomicInteger seen = new AtomicInteger();
        List<ScenarioSummary> s = SimulationStudy.run(List.of(captdataLike()), REPLICATES, 20261121L, 2,
                done -> seen.accumulateAndGet(done, Math::max));
        assertEquals(REPLICATES, seen.get(), "progress reaches the number of replicates");
        assertUnbiasedWithNominalCoverage(s.get(0));
    }

    @Test
    void cameraStudyWithSexSpecificSigmaIsUnbiasedWithNominalCoverage() {
        List<ScenarioSummary> s = SimulationStudy.run(List.of(camerasWithSexSpecificSigma()), REPLICATES, 20261122L, 2,
                null);
        assertUnbiasedWithNominalCoverage(s.get(0));
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalSummaries() {
        List<SimulationScenario> both = List.of(captdataLike(), captdataLike().withDensity(3));
        List<ScenarioSummary> one = SimulationStudy.run(both, 5, 99, 1, null);
        List<ScenarioSummary> two = SimulationStudy.run(both, 5, 99, 2, null);
        assertEquals(one, two);
        // and a replicate is reproducible alone from its stream
        java.util.SplittableRandom root = new java.util.SplittableRandom(99);
        ReplicateResult first = SimulationStudy.replicate(both.get(0), 0, root.split());
        assertEquals(first, one.get(0).results().get(0));
    }
}
