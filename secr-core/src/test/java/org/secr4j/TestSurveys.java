package org.secr4j;

import java.util.SplittableRandom;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/** Small seeded surveys for tests that must not need ../shared. */
public final class TestSurveys {
    private TestSurveys() {}

    /** Three yearly multi-catch sessions of a declining population (D 10, 8, 6.4 per ha) on one 6 × 6 grid at 20 m. */
    public static CaptureHistory threeYears() {
        DetectorArray det = CaptureSimulator.grid(DetectorType.MULTI, 6, 6, 20, 0, 0);
        HabitatMask mask = HabitatMask.around(det, 60, 8);
        SplittableRandom r = new SplittableRandom(99);
        java.util.List<Session> sessions = new java.util.ArrayList<>();
        double d = 10;
        for (int year = 2024; year <= 2026; year++) {
            Population pop = Population.poisson(mask, d, r);
            sessions.add(CaptureSimulator.of(DetectionFunction.HN, 0.25, 18, 0, 0).simulate(Integer.toString(year), pop, det,
                    5, r));
            d *= 0.8;
        }
        return CaptureHistory.of(sessions);
    }

    /** A 6 × 6 grid at 20 m, 5 occasions, buffer 60 m, spacing 8 m, D = 8/ha, σ = 18 m. */
    public static HabitatMask mask(DetectorArray det) {
        return HabitatMask.around(det, 60, 8);
    }

    public static DetectorArray detectors(DetectorType type) {
        return CaptureSimulator.grid(type, 6, 6, 20, 0, 0);
    }

    /** Sets each real parameter's intercept to a plausible value off the MLE (D 12/ha, g0 0.2, lambda0 0.25, sigma 21 m, z 3.5, pmix 0.4). */
    public static void setIntercepts(org.secr4j.design.ParameterLayout layout, double[] beta) {
        for (org.secr4j.model.RealParameter p : layout.parameters()) {
            double real = switch (p) {
                case D -> 12;
                case G0 -> 0.2;
                case LAMBDA0 -> 0.25;
                case SIGMA -> 21;
                case Z -> 3.5;
                case PMIX -> 0.4;
                default -> 1;
            };
            beta[layout.indexOf(p)] = layout.link(p).toLink(real);
        }
    }

    public static CaptureHistory history(DetectorType type, DetectionFunction fn, int binomN, long seed) {
        DetectorArray det = detectors(type);
        if (type == DetectorType.COUNT && binomN == 1) {
            double[][] u = new double[det.size()][5];
            for (int k = 0; k < det.size(); k++) {
                for (int s = 0; s < 5; s++) {
                    u[k][s] = 1 + (k + s) % 3; // whole-number usage 1..3
                }
            }
            det = det.withUsage(u);
        }
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.poisson(mask(det), 8, r);
        double a = fn.isHazard() ? 0.3 : 0.25;
        Session s = CaptureSimulator.of(fn, a, 18, 4, binomN).simulate("1", pop, det, 5, r);
        return CaptureHistory.of(s);
    }
}
