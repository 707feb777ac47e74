package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.FittedModel;

class OpenPopulationTest {
    /** Relative tolerance of mean abundance over many simulated series (SE of the mean is about 1%). */
    private static final double MEAN_N_TOLERANCE = 0.03;

    @Test
    void meanAbundanceFollowsTheSetTrendAndSurvivorsKeepTheirIdentity() {
        DetectorArray traps = CaptureSimulator.grid(DetectorType.PROXIMITY, 6, 6, 30, 0, 0);
        HabitatMask mask = HabitatMask.around(traps, 100, 10);
        double d1 = 10;
        double lambda = 0.8;
        double phi = 0.6;
        int sessions = 4;
        int series = 300;
        double[] meanN = new double[sessions];
        long stayed = 0;
        long before = 0;
        SplittableRandom random = new SplittableRandom(11);
        for (int r = 0; r < series; r++) {
            List<Population> pops = OpenPopulation.simulate(mask, d1, sessions, phi, lambda, random);
            assertEquals(sessions, pops.size());
            for (int t = 0; t < sessions; t++) {
                meanN[t] += (double) pops.get(t).size() / series;
            }
            for (int t = 1; t < sessions; t++) {
                Set<String> previous = ids(pops.get(t - 1));
                Population now = pops.get(t);
                for (int i = 0; i < now.size(); i++) {
                    if (previous.contains(now.id(i))) {
                        stayed++;
                        int j = index(pops.get(t - 1), now.id(i));
                        assertEquals(pops.get(t - 1).x(j), now.x(i), 0.0, "survivors keep their centre");
                    }
                }
                before += pops.get(t - 1).size();
            }
        }
        double n1 = d1 * mask.areaHectares();
        for (int t = 0; t < sessions; t++) {
            double expected = n1 * Math.pow(lambda, t);
            assertEquals(1, meanN[t] / expected, MEAN_N_TOLERANCE, "session " + (t + 1) + ": mean N " + meanN[t]
                    + " vs " + expected);
        }
        assertEquals(phi, (double) stayed / before, 0.01, "share of animals surviving to the next session");
    }

    @Test
    void recruitsGetNewIdentitiesAndRecruitmentBelowSurvivalIsRefused() {
        HabitatMask mask = HabitatMask.around(CaptureSimulator.grid(DetectorType.MULTI, 3, 3, 30, 0, 0), 60, 10);
        List<Population> pops = OpenPopulation.simulate(mask, 20, 3, 0.5, 1.2, new SplittableRandom(3));
        Set<String> seen = new HashSet<>();
        Set<String> inLast = ids(pops.get(2));
        for (Population p : pops.subList(0, 2)) {
            seen.addAll(ids(p));
        }
        long newcomers = inLast.stream().filter(id -> !seen.contains(id)).count();
        assertTrue(newcomers > 0, "recruits arrive");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenPopulation.simulate(mask, 20, 3, 0.9, 0.8, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("lambda (0.8) must be >= survival (0.9)"), e.getMessage());
    }

    @Test
    void aSessionTrendFitRecoversLambdaFromSimulatedYearlySurveys() {
        // 4 yearly proximity surveys of an open population (phi 0.7, lambda 0.85), fitted with D~Session:
        // exp(beta_Session) estimates lambda; 12 replicates, mean within 0.05 of the truth
        DetectorArray traps = CaptureSimulator.grid(DetectorType.PROXIMITY, 6, 6, 30, 0, 0);
        HabitatMask mask = HabitatMask.around(traps, 90, 15);
        CaptureSimulator sim = CaptureSimulator.of(DetectionFunction.HN, 0.3, 25, 0, 0);
        double lambda = 0.85;
        SplittableRandom root = new SplittableRandom(21);
        double sum = 0;
        int reps = 12;
        for (int r = 0; r < reps; r++) {
            SplittableRandom random = root.split();
            List<Population> pops = OpenPopulation.simulate(mask, 12, 4, 0.7, lambda, random);
            List<Session> sessions = new ArrayList<>();
            for (int t = 0; t < pops.size(); t++) {
                sessions.add(sim.simulate(Integer.toString(2021 + t), pops.get(t), traps, 5, random));
            }
            FittedModel fit = SecrFitter.with(FitOptions.defaults().with(DetectionFunction.HN)).fit(
                    CaptureHistory.of(sessions), List.of(mask, mask, mask, mask),
                    ModelSpec.of("D~Session", "g0~1", "sigma~1"));
            double[] beta = fit.beta();
            sum += Math.exp(beta[fit.coefficientNames().indexOf("D.Session")]);
        }
        double mean = sum / reps;
        System.out.printf(java.util.Locale.ROOT, "open population, lambda %.2f: mean fitted lambda %.4f over %d replicates%n",
                lambda, mean, reps);
        assertEquals(lambda, mean, 0.05);
    }

    private static Set<String> ids(Population p) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < p.size(); i++) {
            s.add(p.id(i));
        }
        assertEquals(p.size(), s.size(), "identities are unique within a session");
        return s;
    }

    private static int index(Population p, String id) {
        for (int i = 0; i < p.size(); i++) {
            if (p.id(i).equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id);
    }
}
