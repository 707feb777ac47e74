package org.secr4j.tracks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FmpTest {
    private static final double EXACT = 1e-12;
    private static final double HAND = 1e-6;

    /** Three routes of 10, 20, 30 km with 4, 10, 12 crossings, 2 days of tracks; d = 5 km/day, CV 10%, 20 df. */
    private static List<Route> handRoutes() {
        return List.of(new Route("r1", "all", 10, 4, 2), new Route("r2", "all", 20, 10, 2),
                new Route("r3", "all", 30, 12, 2));
    }

    @Test
    void handCheckedExample() {
        Fmp.Result r = Fmp.estimate(handRoutes(), DailyDistance.given(5, 0.1, 20), FmpOptions.defaults());
        // effort 20 + 40 + 60 = 120 km·days, 26 crossings: encounter rate 26/120 = 0.2166667 per km·day
        assertEquals(26.0 / 120, r.strata().get(0).encounterRate(), EXACT);
        // D = (pi/2) * 0.2166667 / 5 = 0.06806784 per km²
        assertEquals(0.0680678408, r.density().estimate(), 1e-10);
        // R2 by hand: per-route rates 0.2, 0.25, 0.2; sum l²(rate - 0.2166667)² = 0.111111 + 1.777778 + 1.0
        // = 2.888889; var = 3 / (120² · 2) · 2.888889 = 3.009259e-4; SE 0.01734722
        assertEquals(0.01734722, r.strata().get(0).encounterRateSe(), HAND);
        // CV² = (0.01734722 / 0.2166667)² + 0.1² = 0.00641026 + 0.01
        assertEquals(Math.sqrt(0.01641026), r.density().cv(), HAND);
        // ZMU: 10 · 26 / 120 = 2.166667 crossings per 10 km per day; factor pi / (20 · 5)
        assertEquals(2.1666667, r.zmuIndex(), HAND);
        assertEquals(Math.PI / 100, r.zmuConversionFactor(), EXACT);
        assertEquals(r.density().estimate(), r.zmuIndex() * r.zmuConversionFactor(), EXACT);
        assertEquals(Math.PI / 2 * 4 / (10 * 5 * 2), r.routes().get(0).densityPerKm2(), EXACT);
        // Satterthwaite: CV⁴ / (CV_ER⁴/2 + CV_d⁴/20)
        double df = Math.pow(0.01641026, 2) / (Math.pow(0.00641026, 2) / 2 + Math.pow(0.01, 2) / 20);
        assertEquals(df, r.density().df(), 1e-3);
        assertTrue(r.density().lcl() < r.density().estimate() && r.density().estimate() < r.density().ucl());
    }

    @Test
    void r2IsFewstersFormulaAndO2IsTheSuccessiveDifferenceForm() {
        double[] l = {12, 7, 15, 9, 11};
        double[] n = {3, 5, 2, 8, 4};
        double big = 54;
        double ntot = 22;
        double s = 0;
        for (int k = 0; k < 5; k++) {
            s += l[k] * l[k] * Math.pow(n[k] / l[k] - ntot / big, 2);
        }
        assertEquals(5 / (big * big * 4) * s, EncounterRateVariance.R2.variance(l, n), EXACT);
        double o = 0;
        for (int k = 0; k < 4; k++) {
            o += Math.pow(l[k] * l[k + 1] / (l[k] + l[k + 1]), 2) * Math.pow(n[k] / l[k] - n[k + 1] / l[k + 1], 2);
        }
        assertEquals(2 * 5 / (big * big * 4) * o, EncounterRateVariance.O2.variance(l, n), EXACT);
        // a smooth gradient along systematic routes: O2 removes the trend that R2 counts as variance
        double[] eq = {10, 10, 10, 10, 10, 10};
        double[] trend = {1, 2, 3, 4, 5, 6};
        assertTrue(EncounterRateVariance.O2.variance(eq, trend) < 0.2 * EncounterRateVariance.R2.variance(eq, trend));
    }

    @Test
    void remWithTheRoutesGeometryIsFmp() {
        DailyDistance d = DailyDistance.given(5, 0.1, 20);
        Fmp.Result fmp = Fmp.estimate(handRoutes(), d, FmpOptions.defaults());
        List<Rem.Sampler> samplers = new ArrayList<>();
        for (Route r : handRoutes()) {
            samplers.add(new Rem.Sampler(r.id(), r.crossings(), r.trackDays(), EncounterGeometry.line(r.lengthKm())));
        }
        TrackEstimate rem = Rem.estimate(samplers, d, EncounterRateVariance.R2);
        assertEquals(fmp.density().estimate(), rem.estimate(), 1e-14);
        assertEquals(fmp.density().se(), rem.se(), 1e-14);
        assertEquals(fmp.density().df(), rem.df(), 1e-9);
    }

    @Test
    void cameraSectorWidthIsRowcliffesProfile() {
        // r = 10 m, theta = 40 degrees: w = r (2 + theta) / pi
        double theta = Math.toRadians(40);
        assertEquals(0.010 * (2 + theta) / Math.PI, EncounterGeometry.cameraSector(0.010, theta).profileWidthKm(), EXACT);
    }

    @Test
    void strataShareTheDailyDistance() {
        List<Route> routes = new ArrayList<>(handRoutes());
        routes.add(new Route("s1", "south", 10, 1, 1));
        routes.add(new Route("s2", "south", 10, 3, 1));
        FmpOptions o = FmpOptions.defaults().withArea("all", 300).withArea("south", 100);
        Fmp.Result r = Fmp.estimate(routes, DailyDistance.given(5, 0.1, 20), o);
        double dAll = r.strata().get(0).density().estimate();
        double dSouth = r.strata().get(1).density().estimate();
        assertEquals(300 * dAll + 100 * dSouth, r.abundance().estimate(), 1e-10);
        assertEquals(r.abundance().estimate() / 400, r.density().estimate(), 1e-12);
        double varEr = Math.pow(300 * dAll * r.strata().get(0).encounterRateSe() / r.strata().get(0).encounterRate(), 2)
                + Math.pow(100 * dSouth * r.strata().get(1).encounterRateSe() / r.strata().get(1).encounterRate(), 2);
        double n = r.abundance().estimate();
        assertEquals(Math.sqrt(varEr + n * n * 0.01), r.abundance().se(), 1e-10);
    }

    @Test
    void dailyDistanceResamplesAnimalsNotDays() {
        List<double[]> trails = List.of(new double[] {4, 6}, new double[] {8}, new double[] {3, 5, 7});
        DailyDistance d = DailyDistance.fromTrails(trails);
        // 33 km in 6 animal-days
        assertEquals(5.5, d.meanKm(), EXACT);
        // residuals D_a - 5.5 n_a: 10 - 11, 8 - 5.5, 15 - 16.5 -> 1, 6.25, 2.25; var = 3/2 · 9.5 / 36
        assertEquals(Math.sqrt(1.5 * 9.5) / 6, d.se(), EXACT);
        assertEquals(2, d.df(), EXACT);
        double boot = DailyDistance.bootstrapSe(trails, 4000, new SplittableRandom(7));
        assertEquals(d.se(), boot, 0.25 * d.se());
    }

    @Test
    void trackAgeRules() {
        assertEquals(1, TrackAge.twoVisit(), EXACT);
        assertEquals(4, TrackAge.sinceSnowfall(9, 4), EXACT);
        assertEquals(3, TrackAge.persistence(3, a -> 1), 1e-12);
        assertEquals(2 * (1 - Math.exp(-3 / 2.0)), TrackAge.persistence(3, a -> Math.exp(-a / 2)), 1e-10);
    }

    @Test
    void badRoutesAreRefusedByName() {
        String neg = assertThrows(IllegalArgumentException.class, () -> new Route("R7", "a", -2, 0, 1)).getMessage();
        assertTrue(neg.contains("route R7: length must be >= 0 km but was -2"), neg);
        String zero = assertThrows(IllegalArgumentException.class, () -> new Route("R8", "a", 0, 3, 1)).getMessage();
        assertTrue(zero.contains("route R8: 3.0 crossings on a route of length 0 km"), zero);
        Map<Integer, List<Route>> byYear = new LinkedHashMap<>();
        byYear.put(2020, handRoutes());
        byYear.put(2021, List.of());
        String year = assertThrows(IllegalArgumentException.class,
                () -> Fmp.estimateByYear(byYear, DailyDistance.given(5, 0.1, 20), FmpOptions.defaults())).getMessage();
        assertTrue(year.contains("year 2021 has no routes"), year);
    }

    @Test
    void bootstrapIsReproducibleFromItsSeed() {
        DailyDistance d = DailyDistance.given(5, 0.1, 20);
        Fmp.Bootstrap a = Fmp.bootstrap(handRoutes(), null, d, FmpOptions.defaults(), 200, new SplittableRandom(3));
        Fmp.Bootstrap b = Fmp.bootstrap(handRoutes(), null, d, FmpOptions.defaults(), 200, new SplittableRandom(3));
        assertEquals(a, b);
        assertTrue(a.lcl() < 0.068 && 0.068 < a.ucl(), a.toString());
    }
}
