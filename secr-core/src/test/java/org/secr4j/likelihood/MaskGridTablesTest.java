package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The mask's column and row tables ({@code SessionKernel.distinctSorted}): every mask coordinate must find
 * its own entry by {@link Arrays#binarySearch(double[], double)}, which tells values apart by their bits.
 */
class MaskGridTablesTest {
    @Test
    void distinctSortedKeepsEachValueOnceInAscendingOrder() {
        double[] xs = {30, 10, 20, 10, 30, 30, 20.5, 10};
        assertArrayEquals(new double[] {10, 20, 20.5, 30}, SessionKernel.distinctSorted(xs));
        assertArrayEquals(new double[] {30, 10, 20, 10, 30, 30, 20.5, 10}, xs, "the input is left as it was");
    }

    @Test
    void everyCoordinateFindsItsEntryByBinarySearchEvenAtSignedZero() {
        double[] xs = {0.0, -0.0, 5, -5, 0.0, 1e-300, -1e-300};
        double[] table = SessionKernel.distinctSorted(xs);
        assertEquals(6, table.length, "-0.0 and 0.0 are distinct keys, as binarySearch treats them");
        for (double x : xs) {
            int at = Arrays.binarySearch(table, x);
            assertTrue(at >= 0, "coordinate " + x + " has no entry in " + Arrays.toString(table));
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(table[at]));
        }
    }

    @Test
    void aRegularGridHasOneColumnPerDistinctX() {
        int n = 7;
        double[] xs = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                xs[r * n + c] = 342.109375 + c * 7.34375; // captdata mask spacing: not exact in binary
            }
        }
        assertEquals(n, SessionKernel.distinctSorted(xs).length);
    }

    /**
     * Rows merged (a grid in row order, its rows' x ascending, with a row shorter than the others) and input in no
     * order (sorted instead) give the table a sort gives.
     */
    @Test
    void mergedRowsAndShuffledInputGiveTheSortedTable() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int rows = 1 + r.nextInt(40);
            int cols = 1 + r.nextInt(60);
            double[] xs = new double[rows * cols - (rows > 1 ? cols / 2 : 0)];
            double x0 = r.nextDouble(-1e5, 1e5);
            double spacing = r.nextDouble(0.5, 30);
            for (int k = 0; k < xs.length; k++) {
                int c = k % cols;
                xs[k] = x0 + (c + (k / cols == 0 ? 0 : r.nextInt(3))) * spacing; // rows shifted by whole columns
            }
            double[] shuffled = xs.clone();
            for (int k = shuffled.length - 1; k > 0; k--) {
                int j = r.nextInt(k + 1);
                double t = shuffled[k];
                shuffled[k] = shuffled[j];
                shuffled[j] = t;
            }
            double[] bySort = xs.clone();
            Arrays.sort(bySort);
            double[] expected = Arrays.stream(bySort).distinct().toArray();
            assertArrayEquals(expected, SessionKernel.distinctSorted(xs), "rows, trial " + trial);
            assertArrayEquals(expected, SessionKernel.distinctSorted(shuffled), "shuffled, trial " + trial);
        }
        assertArrayEquals(new double[0], SessionKernel.distinctSorted(new double[0]));
    }
}
