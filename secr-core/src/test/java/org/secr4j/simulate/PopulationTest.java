package org.secr4j.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;

class PopulationTest {
    private static final HabitatMask MASK = HabitatMask.around(CaptureSimulator.grid(DetectorType.PROXIMITY, 4, 4, 50,
            0, 0), 100, 10);
    private static final int REPLICATES = 300;

    @Test
    void inhomogeneousPopulationFollowsTheDensitySurface() {
        // density 0 west of x = 75 m, 4/ha east of it
        double[] d = new double[MASK.size()];
        double east = 0;
        for (int m = 0; m < MASK.size(); m++) {
            d[m] = MASK.x(m) > 75 ? 4 : 0;
            east += d[m] > 0 ? MASK.cellAreaHectares() : 0;
        }
        SplittableRandom rng = new SplittableRandom(8);
        double total = 0;
        for (int r = 0; r < REPLICATES; r++) {
            Population p = Population.inhomogeneous(MASK, d, rng);
            for (int i = 0; i < p.size(); i++) {
                assertTrue(p.x(i) > 75 - MASK.spacingMetres() / 2, "no animal where density is zero");
            }
            total += p.size();
        }
        double expected = 4 * east;
        // mean of 300 Poisson counts: SD sqrt(expected / 300)
        assertEquals(expected, total / REPLICATES, 4 * Math.sqrt(expected / REPLICATES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Population.inhomogeneous(MASK, new double[3], rng));
        assertTrue(e.getMessage().contains("3 densities for " + MASK.size()), e.getMessage());
    }

    @Test
    void clusteredPopulationHasTheMeanClusterSizeAndTightClusters() {
        SplittableRandom rng = new SplittableRandom(9);
        double animals = 0;
        double clusters = 0;
        double spread2 = 0;
        int pairs = 0;
        for (int r = 0; r < 100; r++) {
            Population p = Population.clustered(MASK, 2, 1.5, 5, rng);
            Map<String, double[]> first = new HashMap<>();
            for (int i = 0; i < p.size(); i++) {
                String c = p.covariates().get("cluster").orElseThrow().textValue(i);
                double[] f = first.putIfAbsent(c, new double[] {p.x(i), p.y(i)});
                if (f != null) {
                    spread2 += Math.pow(p.x(i) - f[0], 2) + Math.pow(p.y(i) - f[1], 2);
                    pairs++;
                }
            }
            animals += p.size();
            clusters += first.size();
        }
        assertEquals(2.5, animals / clusters, 0.1, "1 + 1.5 animals per cluster");
        // two members offset by N(0, 5²) each: E|d|² = 2 · 2 · 25 = 100 m²
        assertEquals(100, spread2 / pairs, 10);
    }

    @Test
    void aPolygonPopulationHasTheExpectedSizeAndStaysInside() throws Exception {
        // an L-shaped region of 3 ha (three 100 m squares)
        org.locationtech.jts.geom.Geometry l = new org.locationtech.jts.io.WKTReader().read(
                "POLYGON ((0 0, 200 0, 200 100, 100 100, 100 200, 0 200, 0 0))");
        SplittableRandom r = new SplittableRandom(4);
        double total = 0;
        int reps = 400;
        for (int i = 0; i < reps; i++) {
            Population p = Population.poisson(l, 10, r);
            total += p.size();
            for (int j = 0; j < p.size(); j++) {
                assertTrue(!(p.x(j) > 100 && p.y(j) > 100), "centre in the cut-out corner");
            }
        }
        assertEquals(30, total / reps, 30 * 0.03, "mean N = D x area");
    }
}
