package org.secr4j.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CombinedTrendTest {
    private static final double EXACT = 1e-10;
    private static final int[] YEARS = {2018, 2019, 2020, 2021, 2022};

    private static MethodSeries geometric(String method, double first, double lambda, double cv) {
        double[] y = new double[YEARS.length];
        double[] se = new double[YEARS.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = first * Math.pow(lambda, j);
            se[j] = cv * y[j];
        }
        return MethodSeries.independent(method, YEARS, y, se);
    }

    @Test
    void exactGeometricSeriesGivesItsRateAcrossMethodsOnDifferentScales() {
        // SECR densities per 100 km² and a TRIM index on another scale, both declining 8% a year
        List<MethodSeries> s = List.of(geometric("secr", 1.2, 0.92, 0.15), geometric("trim", 1.0, 0.92, 0.08));
        CombinedTrend.Result r = CombinedTrend.fit(s);
        assertEquals(0.92, r.lambda(), EXACT);
        assertEquals(0, r.residualChiSquare(), 1e-18);
        assertEquals(10 - 3, r.residualDf());
        CombinedTrend.Agreement a = CombinedTrend.agreement(s);
        assertEquals(0, a.waldChiSquare(), 1e-18);
        assertEquals(1, a.df());
    }

    @Test
    void oneSeriesIsWeightedLeastSquaresOnTheLogScale() {
        double[] y = {10, 12, 9, 8};
        double[] se = {1, 3, 0.9, 2};
        int[] years = {1, 2, 3, 4};
        CombinedTrend.Result r = CombinedTrend.fit(List.of(MethodSeries.independent("fmp", years, y, se)));
        double sw = 0;
        double swt = 0;
        double swz = 0;
        double swtt = 0;
        double swtz = 0;
        for (int j = 0; j < 4; j++) {
            double w = 1 / Math.pow(se[j] / y[j], 2);
            double z = Math.log(y[j]);
            sw += w;
            swt += w * years[j];
            swz += w * z;
            swtt += w * years[j] * years[j];
            swtz += w * years[j] * z;
        }
        double det = sw * swtt - swt * swt;
        assertEquals((sw * swtz - swt * swz) / det, r.slope(), EXACT);
        assertEquals(Math.sqrt(sw / det), r.slopeSe(), EXACT);
    }

    @Test
    void methodsWithOppositeTrendsDisagree() {
        CombinedTrend.Agreement a = CombinedTrend.agreement(List.of(geometric("secr", 1, 0.9, 0.03),
                geometric("fmp", 1, 1.1, 0.03)));
        assertTrue(a.p() < 1e-6, "p = " + a.p());
        assertEquals(Math.log(0.9), a.slopes()[0], EXACT);
        assertEquals(Math.log(1.1), a.slopes()[1], EXACT);
    }

    @Test
    void aNonPositiveEstimateIsRefusedNamingMethodAndYear() {
        String m = assertThrows(IllegalArgumentException.class, () -> MethodSeries.independent("fmp",
                new int[] {2020, 2021}, new double[] {1, 0}, new double[] {0.1, 0.1})).getMessage();
        assertTrue(m.contains("method fmp, year 2021: estimate must be > 0"), m);
    }
}
