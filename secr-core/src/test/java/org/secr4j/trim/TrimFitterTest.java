package org.secr4j.trim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrimFitterTest {
    private static final double EXACT = 1e-9;
    private static final List<String> SITES = List.of("a", "b", "c", "d");
    private static final int[] YEARS = {2001, 2002, 2003, 2004};
    private static final double[][] COMPLETE = {
        {10, 12, 15, 11},
        {4, 6, 5, 9},
        {20, 18, 25, 30},
        {7, 3, 8, 6},
    };

    @Test
    void modelThreeOnACompleteTableIsTheIndependenceModel() {
        TrimResult r = TrimFitter.fit(TrimData.of(SITES, YEARS, COMPLETE), TrimOptions.model(TrimModel.TIME_EFFECTS));
        double total = 0;
        double[] col = new double[4];
        double[] row = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                total += COMPLETE[i][j];
                col[j] += COMPLETE[i][j];
                row[i] += COMPLETE[i][j];
            }
        }
        double chi2 = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double e = row[i] * col[j] / total;
                assertEquals(e, r.fitted(i, j), EXACT * e);
                chi2 += (COMPLETE[i][j] - e) * (COMPLETE[i][j] - e) / e;
            }
        }
        assertEquals(chi2, r.goodnessOfFit().chiSquare(), EXACT * chi2);
        assertEquals(16 - 4 - 3, r.goodnessOfFit().df());
        for (int j = 0; j < 4; j++) {
            assertEquals(col[j] / col[0], r.indices().get(j).model(), EXACT);
            // no missing counts: imputed totals are the observed column totals
            assertEquals(col[j], r.timeTotals().get(j).imputed(), EXACT * col[j]);
            assertEquals(YEARS[j], r.timeTotals().get(j).time());
        }
        assertEquals(Math.log(col[1] / col[0]), r.parameters().get(0).additive(), EXACT);
    }

    @Test
    void modelTwoWithAChangepointAtEveryTimeIsModelThree() {
        double[][] counts = withMissing();
        TrimData data = TrimData.of(SITES, YEARS, counts);
        TrimResult m3 = TrimFitter.fit(data, TrimOptions.model(TrimModel.TIME_EFFECTS).withOverdispersion(true)
                .withSerialCorrelation(true));
        TrimResult m2 = TrimFitter.fit(data, TrimOptions.model(TrimModel.LINEAR_TREND).withChangepoints(1, 2, 3)
                .withOverdispersion(true).withSerialCorrelation(true));
        assertEquals(m3.goodnessOfFit().likelihoodRatio(), m2.goodnessOfFit().likelihoodRatio(), 1e-8);
        assertEquals(m3.serialCorrelation(), m2.serialCorrelation(), 1e-8);
        for (int j = 0; j < 4; j++) {
            assertEquals(m3.timeTotals().get(j).imputedSe(), m2.timeTotals().get(j).imputedSe(), 1e-7);
        }
        // the slope of segment k is the difference of consecutive time effects
        assertEquals(m3.parameters().get(1).additive() - m3.parameters().get(0).additive(),
                m2.parameters().get(1).additive(), 1e-8);
    }

    @Test
    void overdispersionScalesStandardErrorsBySigma() {
        TrimData data = TrimData.of(SITES, YEARS, withMissing());
        TrimResult ml = TrimFitter.fit(data, TrimOptions.model(TrimModel.LINEAR_TREND));
        TrimResult od = TrimFitter.fit(data, TrimOptions.model(TrimModel.LINEAR_TREND).withOverdispersion(true));
        double sigma2 = ml.goodnessOfFit().chiSquare() / ml.goodnessOfFit().df();
        assertEquals(sigma2, od.overdispersion(), EXACT);
        assertEquals(ml.parameters().get(0).additive(), od.parameters().get(0).additive(), EXACT);
        assertEquals(ml.parameters().get(0).se() * Math.sqrt(sigma2), od.parameters().get(0).se(), EXACT);
        // model 2 with one changepoint: the overall model slope is the slope parameter
        assertEquals(od.parameters().get(0).additive(), od.overallSlopeModel().additive(), EXACT);
        assertEquals(od.parameters().get(0).se(), od.overallSlopeModel().se(), 1e-8);
    }

    @Test
    void weightsScaleTheTotalsNotTheModel() {
        TrimData data = TrimData.of(SITES, YEARS, withMissing());
        double[][] w = new double[4][4];
        for (double[] row : w) {
            java.util.Arrays.fill(row, 1);
        }
        for (int j = 0; j < 4; j++) {
            w[2][j] = 10;
        }
        TrimOptions o = TrimOptions.model(TrimModel.LINEAR_TREND).withOverdispersion(true).withSerialCorrelation(true);
        TrimResult plain = TrimFitter.fit(data, o);
        TrimResult weighted = TrimFitter.fit(data.withWeights(w), o);
        assertEquals(plain.parameters().get(0).additive(), weighted.parameters().get(0).additive(), EXACT);
        for (int j = 0; j < 4; j++) {
            double expected = plain.fitted(0, j) + plain.fitted(1, j) + 10 * plain.fitted(2, j) + plain.fitted(3, j);
            assertEquals(expected, weighted.timeTotals().get(j).model(), 1e-9 * expected);
        }
        // uniform weights change totals and their SEs by the factor and leave indices alone
        double[][] two = new double[4][4];
        for (double[] row : two) {
            java.util.Arrays.fill(row, 2);
        }
        TrimResult doubled = TrimFitter.fit(data.withWeights(two), o);
        for (int j = 0; j < 4; j++) {
            assertEquals(2 * plain.timeTotals().get(j).imputed(), doubled.timeTotals().get(j).imputed(), 1e-9);
            assertEquals(2 * plain.timeTotals().get(j).imputedSe(), doubled.timeTotals().get(j).imputedSe(), 1e-9);
            assertEquals(plain.indices().get(j).imputedSe(), doubled.indices().get(j).imputedSe(), 1e-12);
        }
    }

    @Test
    void sitesWithoutPositiveCountsAreRemovedAndReported() {
        double[][] counts = {{0, 0, Double.NaN, 0}, COMPLETE[1], COMPLETE[2], COMPLETE[3]};
        TrimResult r = TrimFitter.fit(TrimData.of(SITES, YEARS, counts), TrimOptions.model(TrimModel.TIME_EFFECTS));
        assertEquals(List.of("a"), r.removedSites());
        assertEquals(3, r.data().sites().size());
    }

    @Test
    void aSiteWithOnlyMissingCountsIsRefusedByName() {
        double[][] counts = {COMPLETE[0], {Double.NaN, Double.NaN, Double.NaN, Double.NaN}, COMPLETE[2], COMPLETE[3]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrimData.of(SITES, YEARS, counts));
        assertTrue(e.getMessage().contains("site b has only missing counts"), e.getMessage());
    }

    @Test
    void anUnknownCovariateListsTheNames() {
        TrimData data = TrimData.of(SITES, YEARS, COMPLETE).withCovariate("habitat", new int[][] {
            {1, 1, 1, 1}, {2, 2, 2, 2}, {1, 1, 1, 1}, {2, 2, 2, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrimFitter.fit(data, TrimOptions.model(TrimModel.TIME_EFFECTS).withCovariates("habitt")));
        assertTrue(e.getMessage().contains("[habitat]"), e.getMessage());
    }

    @Test
    void classificationFollowsTheIntervalOfTheMultiplicativeSlope() {
        assertEquals(TrendClass.STRONG_INCREASE, TrendClass.of(1.10, 0.02));
        assertEquals(TrendClass.MODERATE_INCREASE, TrendClass.of(1.05, 0.01));
        assertEquals(TrendClass.STABLE, TrendClass.of(1.00, 0.02));
        assertEquals(TrendClass.UNCERTAIN, TrendClass.of(1.00, 0.05));
        assertEquals(TrendClass.MODERATE_DECLINE, TrendClass.of(0.96, 0.01));
        assertEquals(TrendClass.STRONG_DECLINE, TrendClass.of(0.90, 0.02));
    }

    private static double[][] withMissing() {
        double[][] c = new double[4][];
        for (int i = 0; i < 4; i++) {
            c[i] = COMPLETE[i].clone();
        }
        c[0][2] = Double.NaN;
        c[3][0] = Double.NaN;
        c[1][3] = Double.NaN;
        return c;
    }
}
