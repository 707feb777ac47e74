package org.secr4j.trim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class TrimStepwiseTest {
    /** Score and likelihood-ratio tests of one added changepoint agree to this (relative) on large counts. */
    private static final double SCORE_VS_LR = 0.05;

    private static final int SITES = 30;
    private static final int TIMES = 8;

    /** Expected counts: growth 10% a year up to time 4, decline 10% a year after it. */
    private static double expected(int site, int time) {
        double level = 200 + 20 * site;
        int up = Math.min(time, 3);
        int down = Math.max(time - 3, 0);
        return level * Math.exp(0.1 * up - 0.1 * down);
    }

    private static TrimData data(boolean noise, long seed) {
        List<String> sites = new ArrayList<>();
        int[] times = new int[TIMES];
        for (int j = 0; j < TIMES; j++) {
            times[j] = 2001 + j;
        }
        MersenneTwister rng = new MersenneTwister(seed);
        double[][] counts = new double[SITES][TIMES];
        for (int i = 0; i < SITES; i++) {
            sites.add("s" + i);
            for (int j = 0; j < TIMES; j++) {
                double mu = expected(i, j);
                counts[i][j] = noise
                        ? new PoissonDistribution(rng, mu, 1e-12, 10_000).sample()
                        : Math.round(mu);
                if ((i + j) % 5 == 0) {
                    counts[i][j] = Double.NaN; // some missing counts
                }
            }
        }
        return TrimData.of(sites, times, counts);
    }

    @Test
    void selectionKeepsTheStartAndTheTrueChangeOfSlopeAndDeletesTheRest() {
        TrimStepwise.Selection s = TrimStepwise.select(data(false, 0),
                TrimOptions.model(TrimModel.LINEAR_TREND).withChangepoints(1, 2, 3, 4, 5, 6, 7));
        assertArrayEquals(new int[] {1, 4}, s.changepoints());
        assertEquals(5, s.steps().size());
        for (TrimStepwise.Step step : s.steps()) {
            assertTrue(step.deleted(), "only deletions on noise-free counts: " + step);
            assertTrue(step.p() > TrimStepwise.DEFAULT_P_REMOVE, step.toString());
        }
        assertEquals(0.1, s.selected().parameters().get(0).additive(), 2e-3);
        assertEquals(-0.1, s.selected().parameters().get(1).additive(), 2e-3);
        assertEquals(7, s.initial().waldTests().size());
    }

    @Test
    void scoreTestOfAnAddedChangepointAgreesWithTheLikelihoodRatioTest() {
        TrimData d = data(true, 42);
        TrimOptions small = TrimOptions.model(TrimModel.LINEAR_TREND).withChangepoints(1);
        TrimResult fitSmall = TrimFitter.fit(d, small);
        TrimResult fitBig = TrimFitter.fit(d, small.withChangepoints(1, 4));
        double lr = fitSmall.goodnessOfFit().likelihoodRatio() - fitBig.goodnessOfFit().likelihoodRatio();
        TrimStepwise.Step score = TrimStepwise.scoreTest(fitSmall, small, java.util.Set.of(1), 4);
        assertTrue(lr > 50, "a strong change of slope: LR " + lr);
        assertEquals(lr, score.statistic(), SCORE_VS_LR * lr);
        assertEquals(1, score.df());
        // a changepoint the data do not need scores near zero
        TrimStepwise.Step idle = TrimStepwise.scoreTest(fitBig, small.withChangepoints(1, 4),
                java.util.Set.of(1, 4), 6);
        TrimResult fitIdle = TrimFitter.fit(d, small.withChangepoints(1, 4, 6));
        double lrIdle = fitBig.goodnessOfFit().likelihoodRatio() - fitIdle.goodnessOfFit().likelihoodRatio();
        assertEquals(lrIdle, idle.statistic(), 0.5);
    }

    @Test
    void stepwiseRefusesOtherModelsAndCyclingThresholds() {
        TrimData d = data(false, 0);
        IllegalArgumentException m3 = assertThrows(IllegalArgumentException.class,
                () -> TrimStepwise.select(d, TrimOptions.model(TrimModel.TIME_EFFECTS)));
        assertTrue(m3.getMessage().contains("model 2, not model 3"), m3.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> TrimStepwise.select(d, TrimOptions.model(TrimModel.LINEAR_TREND), 0.1, 0.2));
        assertTrue(t.getMessage().contains("entry threshold 0.2"), t.getMessage());
    }
}
