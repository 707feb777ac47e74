package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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

class ClosureSpanTest {
    private static final double EXACT = 1e-12;
    private static final DetectorArray TRAPS = CaptureSimulator.grid(DetectorType.MULTI, 6, 6, 30, 0, 0);
    private static final HabitatMask MASK = HabitatMask.around(TRAPS, 100, 10);
    private static final CaptureSimulator SIM = CaptureSimulator.of(DetectionFunction.HN, 0.25, 30, 0, 0);

    @Test
    void spanDistributionIsThatOfAUniformSubsetWithTheStatedMoments() {
        for (int t = 3; t <= 9; t++) {
            for (int r = 2; r <= t; r++) {
                // enumerate all r-subsets of t occasions
                double[] counted = new double[t];
                int subsets = 0;
                for (int mask = 0; mask < 1 << t; mask++) {
                    if (Integer.bitCount(mask) != r) {
                        continue;
                    }
                    int first = Integer.numberOfTrailingZeros(mask);
                    int last = 31 - Integer.numberOfLeadingZeros(mask);
                    counted[last - first]++;
                    subsets++;
                }
                double[] p = ClosureTest.spanDistribution(t, r);
                double mean = 0;
                double second = 0;
                for (int w = 0; w < t; w++) {
                    assertEquals(counted[w] / subsets, p[w], EXACT, "t " + t + " r " + r + " w " + w);
                    mean += w * p[w];
                    second += w * w * p[w];
                }
                assertEquals(mean, ClosureTest.expectedSpan(t, r), 1e-10);
                assertEquals(second - mean * mean, ClosureTest.spanVariance(t, r), 1e-10);
            }
        }
    }

    @Test
    void aHandMadeSessionGivesItsSpanAndExactProbability() {
        // 4 occasions; animal a caught on 1 and 2 (span 1), b on 1 and 4 (span 3), c once, d removed
        List<Detection> d = List.of(new Detection(0, 0, 0, 1), new Detection(0, 1, 1, 1), new Detection(1, 0, 2, 1),
                new Detection(1, 3, 0, 1), new Detection(2, 2, 0, 1), new Detection(3, 0, 0, 1),
                new Detection(3, 1, 0, 1));
        Session s = Session.of("1", TRAPS, 4, List.of("a", "b", "c", "d"), new int[] {-1, -1, -1, 1}, d,
                CovariateTable.empty(4));
        ClosureTest.Result r = ClosureTest.test(s);
        assertEquals(2, r.animals());
        assertEquals(1, r.singletons());
        assertEquals(1, r.removedAnimals());
        assertEquals(4, r.span());
        // r = 2 of t = 4: P(W=1) = 3/6, P(W=2) = 2/6, P(W=3) = 1/6; P(W1 + W2 <= 4) = 1 - P(5) - P(6)
        double pExact = 1 - 2 * (2.0 / 6) * (1.0 / 6) - (1.0 / 6) * (1.0 / 6);
        assertEquals(pExact, r.pExact(), EXACT);
        assertEquals(2 * 5.0 / 3, r.expectedSpan(), EXACT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClosureTest.test(Session.of("x", TRAPS, 2, List.of(), null, List.of(), CovariateTable.empty(0))));
        assertTrue(e.getMessage().contains("at least 3 occasions"), e.getMessage());
    }

    @Test
    void closedPopulationsAreRarelyRejectedAndOpenOnesOften() {
        int datasets = 100;
        int closedRejected = 0;
        int openRejected = 0;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < datasets; i++) {
            Session closed = SIM.simulate("1", Population.poisson(MASK, 15, random), TRAPS, 10, random);
            if (ClosureTest.test(closed).pExact() < 0.05) {
                closedRejected++;
            }
            if (ClosureTest.test(openSession(random)).pExact() < 0.05) {
                openRejected++;
            }
        }
        System.out.printf(java.util.Locale.ROOT,
                "closure test at 0.05 over %d data sets: closed rejected %.2f, open (half the animals present "
                        + "for 5 of 10 occasions) rejected %.2f%n", datasets, closedRejected / (double) datasets,
                openRejected / (double) datasets);
        assertTrue(closedRejected <= 10, "closed populations rejected " + closedRejected + " times");
        assertTrue(openRejected >= 80, "open populations rejected only " + openRejected + " times");
    }

    /**
     * Ten occasions: half the animals are resident throughout, a quarter leave after occasion 5 and a
     * quarter arrive at occasion 6 (each simulated for five occasions, then placed in time).
     */
    private static Session openSession(SplittableRandom random) {
        Session resident = SIM.simulate("1", Population.poisson(MASK, 7.5, random), TRAPS, 10, random);
        Session leavers = SIM.simulate("1", Population.poisson(MASK, 3.75, random), TRAPS, 5, random);
        Session arrivals = SIM.simulate("1", Population.poisson(MASK, 3.75, random), TRAPS, 5, random);
        List<String> ids = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        int offset = 0;
        for (Session part : List.of(resident, leavers, arrivals)) {
            int shift = part == arrivals ? 5 : 0;
            for (Detection d : part.detections()) {
                dets.add(new Detection(offset + d.animal(), d.occasion() + shift, d.detector(), d.count()));
            }
            for (int i = 0; i < part.animals(); i++) {
                ids.add(ids.size() + "");
            }
            offset += part.animals();
        }
        return Session.of("1", TRAPS, 10, ids, null, dets, CovariateTable.empty(ids.size()));
    }
}
