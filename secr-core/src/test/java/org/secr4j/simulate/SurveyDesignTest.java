package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;

/** Expected counts (Efford & Boulanger 2019), buffer check and trend power. */
class SurveyDesignTest {
    /** Expected n, r (and m) against the mean of simulated surveys (issue: within 3%). */
    private static final double VS_SIMULATION = 0.03;
    private static final int SURVEYS = 400;

    /** Mean n, r and movements of simulated surveys. */
    private static double[] simulatedMeans(DetectorArray det, int occasions, HabitatMask mask, double d,
            CaptureSimulator sim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double n = 0;
        double r = 0;
        double m = 0;
        for (int rep = 0; rep < SURVEYS; rep++) {
            Session s = sim.simulate("1", Population.poisson(mask, d, rng), det, occasions, rng);
            n += s.animals();
            int last = -1;
            int lastDetector = -1;
            for (Detection x : s.detections()) { // sorted by animal, occasion, detector
                r += x.count();
                if (x.animal() == last) {
                    m += x.detector() != lastDetector ? 1 : 0;
                } else {
                    r -= 1;
                }
                last = x.animal();
                lastDetector = x.detector();
            }
        }
        return new double[] {n / SURVEYS, r / SURVEYS, m / SURVEYS};
    }

    /**
     * @param movementTolerance relative tolerance of E(m) against the simulated movements (consecutive
     *     detections at different detectors, in occasion then detector order), or NaN where the
     *     simulated count is not the same quantity (counts above 1 are one record)
     */
    private static void check(String design, ExpectedCounts e, double[] sim, double movementTolerance) {
        System.out.printf(java.util.Locale.ROOT, "%s: E(n) %.2f simulated %.2f; E(r) %.2f simulated %.2f; E(m) %.2f "
                + "simulated %.2f; RSE approx %.4f; spacing/sigma %.2f%n", design, e.animals(), sim[0], e.recaptures(),
                sim[1], e.movements(), sim[2], e.rseApproximation(1), e.spacingOverSigma());
        assertEquals(sim[0], e.animals(), VS_SIMULATION * sim[0], design + " n");
        assertEquals(sim[1], e.recaptures(), VS_SIMULATION * sim[1], design + " r");
        assertTrue(Double.isFinite(e.movements()) && e.movements() > 0, design + " m computed");
        if (!Double.isNaN(movementTolerance)) {
            assertEquals(sim[2], e.movements(), movementTolerance * sim[2], design + " m");
        }
    }

    @Test
    void expectedCountsMatchSimulatedSurveysForThreeDesigns() {
        DetectorArray traps = CaptureSimulator.grid(DetectorType.MULTI, 10, 10, 30, 0, 0);
        HabitatMask trapMask = HabitatMask.around(traps, 120, 10);
        check("multi-catch captdata-like", ExpectedCounts.of(traps, 5, trapMask, 5, DetectionFunction.HN, 0.27, 29, 0),
                simulatedMeans(traps, 5, trapMask, 5, CaptureSimulator.of(DetectionFunction.HN, 0.27, 29, 0, 0), 1),
                VS_SIMULATION);

        DetectorArray cams = CaptureSimulator.grid(DetectorType.PROXIMITY, 6, 6, 1500, 0, 0);
        HabitatMask camMask = HabitatMask.around(cams, 8000, 600);
        check("proximity cameras", ExpectedCounts.of(cams, 8, camMask, 0.005, DetectionFunction.HN, 0.15, 1500, 0),
                simulatedMeans(cams, 8, camMask, 0.005, CaptureSimulator.of(DetectionFunction.HN, 0.15, 1500, 0, 0), 2),
                PROXIMITY_MOVEMENTS);

        DetectorArray hair = CaptureSimulator.grid(DetectorType.COUNT, 8, 8, 25, 0, 0);
        HabitatMask hairMask = HabitatMask.around(hair, 100, 8);
        check("Poisson count, hazard HHN", ExpectedCounts.of(hair, 6, hairMask, 4, DetectionFunction.HHN, 0.1, 20, 0),
                simulatedMeans(hair, 6, hairMask, 4, CaptureSimulator.of(DetectionFunction.HHN, 0.1, 20, 0, 0), 3),
                Double.NaN);
    }

    @Test
    void expectedCountsAtOneMaskPointAreTheClosedForms() {
        // one proximity detector at the origin, one mask point 10 m away, cell 1 ha: p = g0 exp(-d²/2σ²)
        DetectorArray one = DetectorArray.of(DetectorType.PROXIMITY, List.of("a"), new double[] {0}, new double[] {0});
        HabitatMask point = HabitatMask.fromPoints(new double[] {10}, new double[] {0}, 100, CovariateTable.empty(1));
        double p = 0.3 * Math.exp(-100 / (2 * 20.0 * 20));
        ExpectedCounts e = ExpectedCounts.of(one, 4, point, 2, DetectionFunction.HN, 0.3, 20, 0);
        double pdot = 1 - Math.pow(1 - p, 4);
        assertEquals(2 * pdot, e.animals(), 1e-12);
        assertEquals(2 * (4 * p - pdot), e.recaptures(), 1e-12);
        assertEquals(pdot, e.esaHectares(), 1e-12);
        assertEquals(1 / Math.sqrt(Math.min(e.animals(), e.recaptures())), e.rseApproximation(1), 1e-12);
        // multi-catch with two detectors at equal distance: movements are half the recaptures
        DetectorArray two = DetectorArray.of(DetectorType.MULTI, List.of("a", "b"), new double[] {0, 20},
                new double[] {0, 0});
        ExpectedCounts m = ExpectedCounts.of(two, 4, point, 2, DetectionFunction.HN, 0.3, 20, 0);
        assertEquals(m.recaptures() / 2, m.movements(), 1e-12);
        assertEquals(1.0, m.spacingOverSigma(), 1e-12);
    }

    @Test
    void bufferBiasFallsWithBufferWidthAndTheSuggestedBufferMeetsTheTarget() {
        DetectorArray traps = CaptureSimulator.grid(DetectorType.MULTI, 10, 10, 30, 0, 0);
        double rb1 = BufferCheck.relativeBias(traps, 5, DetectionFunction.HN, 0.27, 29, 0, 29);
        double rb2 = BufferCheck.relativeBias(traps, 5, DetectionFunction.HN, 0.27, 29, 0, 58);
        double rb4 = BufferCheck.relativeBias(traps, 5, DetectionFunction.HN, 0.27, 29, 0, 4 * 29);
        assertTrue(rb1 > rb2 && rb2 > rb4 && rb4 >= 0, rb1 + " " + rb2 + " " + rb4);
        assertTrue(rb1 > 0.05, "a 1-sigma buffer is far too narrow: " + rb1);
        assertTrue(rb4 < 1e-3, "4 sigma suffices for a half-normal: " + rb4);
        double w = BufferCheck.suggestBuffer(traps, 5, DetectionFunction.HN, 0.27, 29, 0, BufferCheck.DEFAULT_TARGET);
        assertTrue(BufferCheck.relativeBias(traps, 5, DetectionFunction.HN, 0.27, 29, 0, w) <= BufferCheck.DEFAULT_TARGET);
        assertTrue(BufferCheck.relativeBias(traps, 5, DetectionFunction.HN, 0.27, 29, 0, w - 29 / 2.0)
                > BufferCheck.DEFAULT_TARGET, "the narrowest such buffer: " + w);
        // the heavy-tailed hazard rate needs a much wider buffer
        double wHr = BufferCheck.suggestBuffer(traps, 5, DetectionFunction.HR, 0.27, 29, 2.5, 0.01);
        assertTrue(wHr > w, wHr + " vs " + w);
    }

    @Test
    void approximatePowerIsAlphaWithoutChangeAndGrowsWithTheChange() {
        assertEquals(0.05, TrendPower.approximate(0.2, 1.0, 5, 0.05).power(), 1e-12);
        double p5 = TrendPower.approximate(0.2, 0.95, 5, 0.05).power();
        double p10 = TrendPower.approximate(0.2, 0.90, 5, 0.05).power();
        double p10long = TrendPower.approximate(0.2, 0.90, 10, 0.05).power();
        assertTrue(0.05 < p5 && p5 < p10 && p10 < p10long && p10long <= 1, p5 + " " + p10 + " " + p10long);
        // equal variances: SE of the slope is sqrt(var / sum (t - tbar)^2)
        double v = Math.log(1 + 0.2 * 0.2);
        assertEquals(Math.sqrt(v / 10), TrendPower.approximate(0.2, 1.0, 5, 0.05).slopeSe(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrendPower.approximate(0.2, 0.9, 1, 0.05));
        assertTrue(e.getMessage().contains("at least 2 years"), e.getMessage());
    }

    @Test
    void simulatedPowerAgreesWithTheApproximation() {
        DetectorArray traps = CaptureSimulator.grid(DetectorType.MULTI, 6, 6, 30, 0, 0);
        HabitatMask mask = HabitatMask.around(traps, 100, 12);
        CaptureSimulator sim = CaptureSimulator.of(DetectionFunction.HN, 0.3, 25, 0, 0);
        SimulationScenario sc = SimulationScenario.of("trend", traps, 5, mask, 6, sim);
        ExpectedCounts e = ExpectedCounts.of(traps, 5, mask, 6, DetectionFunction.HN, 0.3, 25, 0);
        TrendPower.Result approx = TrendPower.approximate(e.rseApproximation(1), 0.85, 4, 0.05);
        TrendPower.Result simulated = TrendPower.simulate(sc, 0.85, 4, 0.05, 60, 5, 2);
        System.out.printf(java.util.Locale.ROOT, "power to detect lambda 0.85 over 4 years: approximation %.3f, "
                + "simulation %.3f (%d of %d replicates usable)%n", approx.power(), simulated.power(), simulated.usable(),
                simulated.replicates());
        assertTrue(simulated.usable() >= 58);
        assertEquals(approx.power(), simulated.power(), 0.2);
        // the same design with years linked by survival (phi 0.6) and recruitment: animals carry over
        TrendPower.Result open = TrendPower.simulateOpen(sc, 0.6, 0.85, 4, 0.05, 60, 5, 2);
        System.out.printf(java.util.Locale.ROOT, "power to detect lambda 0.85 over 4 years, open population (phi 0.6): "
                + "simulation %.3f (%d of %d usable)%n", open.power(), open.usable(), open.replicates());
        assertTrue(open.usable() >= 58);
        assertEquals(approx.power(), open.power(), 0.2);
        assertEquals(TrendPower.simulateOpen(sc, 0.6, 0.85, 4, 0.05, 6, 6, 2),
                TrendPower.simulateOpen(sc, 0.6, 0.85, 4, 0.05, 6, 6, 1));
        assertEquals(TrendPower.simulate(sc, 0.85, 4, 0.05, 8, 6, 2), TrendPower.simulate(sc, 0.85, 4, 0.05, 8, 6, 1),
                "threads do not change the result");
    }

    /**
     * Binary proximity detectors: secrdesign's E(m) treats each detection's detector as an independent
     * draw with probability h_k/H, an approximation when detections within an occasion have no order.
     */
    private static final double PROXIMITY_MOVEMENTS = 0.10;

    /** secrdesign's test tolerance for {@code Enrm} (tests/testthat/test-nrm.R). */
    private static final double SECRDESIGN_TOLERANCE = 1e-4;

    /**
     * secrdesign 2.9's own test values (tests/testthat/test-nrm.R):
     * {@code trm <- make.grid(8, 8, detector = "multi"); trp <- make.grid(8, 8, detector = "proximity");
     * msk <- make.mask(trm, buffer = 100, type = "trapbuffer");
     * Enrm(D = 5, trm, msk, list(lambda0 = 0.2, sigma = 20), 5)} gives En 20.42885, Er 32.59759,
     * Em 28.62447 (multi) and En 20.42885, Er 56.14689, Em 49.64859 (proximity). The mask is rebuilt
     * as make.mask does it: nx = 64 points across the traps' range plus the buffer (spacing 340/64 m,
     * first point half a spacing in), kept within 100 m of a trap.
     */
    @Test
    void expectedCountsReproduceSecrdesignsEnrm() {
        DetectorArray multi = CaptureSimulator.grid(DetectorType.MULTI, 8, 8, 20, 0, 0);
        double spacing = (140 + 200) / 64.0;
        java.util.List<double[]> pts = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                double x = -100 + spacing / 2 + i * spacing;
                double y = -100 + spacing / 2 + j * spacing;
                double nearest = Double.POSITIVE_INFINITY;
                for (int k = 0; k < multi.size(); k++) {
                    nearest = Math.min(nearest, Math.hypot(x - multi.x(k), y - multi.y(k)));
                }
                if (nearest <= 100) {
                    pts.add(new double[] {x, y});
                }
            }
        }
        double[] mx = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] my = pts.stream().mapToDouble(p -> p[1]).toArray();
        HabitatMask msk = HabitatMask.fromPoints(mx, my, spacing, CovariateTable.empty(mx.length));
        ExpectedCounts m = ExpectedCounts.of(multi, 5, msk, 5, DetectionFunction.HHN, 0.2, 20, 0);
        ExpectedCounts p = ExpectedCounts.of(multi.withType(DetectorType.PROXIMITY), 5, msk, 5, DetectionFunction.HHN,
                0.2, 20, 0);
        assertEquals(1, m.animals() / 20.42885, SECRDESIGN_TOLERANCE);
        assertEquals(1, m.recaptures() / 32.59759, SECRDESIGN_TOLERANCE);
        assertEquals(1, m.movements() / 28.62447, SECRDESIGN_TOLERANCE);
        assertEquals(1, p.animals() / 20.42885, SECRDESIGN_TOLERANCE);
        assertEquals(1, p.recaptures() / 56.14689, SECRDESIGN_TOLERANCE);
        assertEquals(1, p.movements() / 49.64859, SECRDESIGN_TOLERANCE);
    }
}
