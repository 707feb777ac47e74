package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionKernel.NearestPoint}: its search by columns returns the point the scan over all mask points in
 * index order returns (the least squared distance, the least index among equals), on grids with holes, in any
 * point order, for locations inside, outside and exactly between points.
 */
class NearestPointTest {
    /** The scan the column search replaces. */
    private static int scan(double[] xs, double[] ys, double x, double y) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int m = 0; m < xs.length; m++) {
            double dm = (xs[m] - x) * (xs[m] - x) + (ys[m] - y) * (ys[m] - y);
            if (dm < bestD) {
                bestD = dm;
                best = m;
            }
        }
        return best;
    }

    private static SessionKernel.NearestPoint search(double[] xs, double[] ys) {
        double[] columns = SessionKernel.distinctSorted(xs);
        return new SessionKernel.NearestPoint(xs, ys, columns, SessionKernel.levels(xs, columns));
    }

    @Property(tries = 300)
    void findsTheScansPointOnAGridWithHolesInAnyOrder(@ForAll("seeds") long seed,
            @ForAll @IntRange(min = 1, max = 30) int columns, @ForAll @IntRange(min = 1, max = 30) int rows) {
        Random rnd = new Random(seed);
        double spacing = 5 + rnd.nextInt(20);
        double x0 = rnd.nextInt(1000) - 500.25;
        double y0 = rnd.nextInt(1000) - 500.5;
        double keep = 0.3 + 0.7 * rnd.nextDouble();
        int[] order = new int[columns * rows];
        int n = 0;
        for (int j = 0; j < columns * rows; j++) {
            if (rnd.nextDouble() < keep || j == 0) {
                order[n++] = j;
            }
        }
        for (int j = n - 1; j > 0; j--) { // a shuffled point order: the least index must win ties, not the first seen
            int k = rnd.nextInt(j + 1);
            int t = order[j];
            order[j] = order[k];
            order[k] = t;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int m = 0; m < n; m++) {
            xs[m] = x0 + spacing * (order[m] % columns);
            ys[m] = y0 + spacing * (order[m] / columns);
        }
        SessionKernel.NearestPoint nearest = search(xs, ys);
        for (int q = 0; q < 60; q++) {
            // a third of the locations on the half-grid (midpoints: ties between two or four points)
            double x = q % 3 == 0 ? x0 + spacing * 0.5 * (rnd.nextInt(2 * columns + 4) - 2)
                    : x0 + spacing * (columns + 2) * rnd.nextDouble() - spacing;
            double y = q % 3 == 0 ? y0 + spacing * 0.5 * (rnd.nextInt(2 * rows + 4) - 2)
                    : y0 + spacing * (rows + 2) * rnd.nextDouble() - spacing;
            assertEquals(scan(xs, ys, x, y), nearest.of(x, y), "location (" + x + ", " + y + ")");
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    @Test
    void aTieBetweenColumnsGoesToTheLowerIndexWhicheverSideItIsOn() {
        // two points equidistant from x = 5: the first in index order, on the right, then on the left
        double[] ys = {0, 0};
        assertEquals(0, search(new double[] {10, 0}, ys).of(5, 0));
        assertEquals(0, search(new double[] {0, 10}, ys).of(5, 0));
    }

    @Test
    void irregularPointsToo() {
        Random rnd = new Random(7);
        double[] xs = new double[500];
        double[] ys = new double[500];
        for (int m = 0; m < xs.length; m++) {
            xs[m] = rnd.nextGaussian() * 100;
            ys[m] = rnd.nextGaussian() * 100;
        }
        SessionKernel.NearestPoint nearest = search(xs, ys);
        for (int q = 0; q < 2000; q++) {
            double x = rnd.nextGaussian() * 150;
            double y = rnd.nextGaussian() * 150;
            assertEquals(scan(xs, ys, x, y), nearest.of(x, y));
        }
    }
}
