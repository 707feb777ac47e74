package org.secr4j.tracks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FMP is unbiased whatever the shape of the paths, provided the daily distance is measured along
 * them (Cauchy–Crofton): random correlated-walk trails on a 40 × 40 km torus, 160 animals
 * (0.1 per km²), 20 km of path each (10 km a day for 2 days), 8 parallel routes of 30 km 5 km apart;
 * mean FMP density over 300 seeded replicates within {@link #BIAS_TOLERANCE} of the truth.
 */
class FmpSimulationTest {
    private static final double BIAS_TOLERANCE = 0.02;

    @ParameterizedTest
    @CsvSource({"straight, 0.0, 11", "tortuous, 1.5, 12"})
    void meanDensityIsWithinTwoPercentOfTruth(String name, double turnSd, long seed) {
        TrailSimulator sim = new TrailSimulator(40, 40, 0.1, turnSd);
        TrailSimulator.HorizontalRoute[] routes = new TrailSimulator.HorizontalRoute[8];
        for (int r = 0; r < 8; r++) {
            routes[r] = new TrailSimulator.HorizontalRoute(5, 2.5 + 5 * r, 30);
        }
        double truth = 160 / 1600.0;
        SplittableRandom random = new SplittableRandom(seed);
        int reps = 300;
        double sum = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[] x = sim.crossings(160, 20, routes, random.split());
            java.util.List<Route> rs = new java.util.ArrayList<>();
            for (int r = 0; r < 8; r++) {
                rs.add(new Route("r" + r, "all", 30, x[r], 2));
            }
            sum += Fmp.estimate(rs, DailyDistance.given(10, 0, 1e9), FmpOptions.defaults()).density().estimate();
        }
        double mean = sum / reps;
        assertEquals(truth, mean, BIAS_TOLERANCE * truth, name + ": mean FMP density " + mean + " vs true " + truth);
    }
}
