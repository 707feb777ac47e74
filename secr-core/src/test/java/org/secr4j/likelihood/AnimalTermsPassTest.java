package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-animal pass's helpers of the row segments ({@link ProximityPass#negatedPlus},
 * {@link ProximityPass#addScaled}, {@link ProximityPass#largest}, {@link ProximityPass#shifted}): the
 * vector kernel gives the scalar kernel's results to the bit on {@code [pa, pb)}, whatever the range's
 * length and alignment, and writes nothing before {@code pa} nor more than {@link ProximityPass#MAX_LANES}
 * past {@code pb}.
 */
class AnimalTermsPassTest {
    /** Length of the test arrays: a segment's stride (128 points plus the lanes' room). */
    private static final int N = 136;
    /** Fill of the output arrays, to see which elements a helper writes. */
    private static final double UNTOUCHED = -12345.25;
    /** Offsets of the operands, as a segment's atoms lie at {@code slot * stride}: arbitrary, unaligned. */
    private static final int OFFSET_A = N / 2;
    private static final int OFFSET_B = 3;
    private static final int OFFSET_ADDED = N - 9;

    private static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = r.nextDouble(-40, 5);
        }
        return a;
    }

    private static double[] untouched() {
        double[] a = new double[N];
        java.util.Arrays.fill(a, UNTOUCHED);
        return a;
    }

    private static ProximityPass vector() {
        assumeTrue(LikelihoodOptions.vectorKernelAvailable(), "no Vector API kernel on this runtime");
        return ProximityPass.best();
    }

    /** The range {@code [pa, pb)} and where its elements are: empty, one, short of a lane group, several. */
    @ParameterizedTest(name = "[{0}, {1})")
    @CsvSource({"5, 5", "5, 6", "0, 7", "3, 11", "8, 16", "17, 48", "1, 128", "100, 128"})
    void vectorHelpersGiveTheScalarResultsToTheBitOnTheRange(int pa, int pb) {
        ProximityPass scalar = ProximityPass.scalar();
        ProximityPass vector = vector();
        double[] a = random(1, 2 * N);
        double[] b = random(2, 2 * N);
        double w = 2.75;
        for (double[] second : new double[][] {null, b}) {
            double[] ls = untouched();
            double[] lv = untouched();
            scalar.negatedPlus(ls, pa, pb, a, OFFSET_A, w, second, OFFSET_B);
            vector.negatedPlus(lv, pa, pb, a, OFFSET_A, w, second, OFFSET_B);
            scalar.addScaled(ls, pa, pb, -1.5, b, OFFSET_ADDED);
            vector.addScaled(lv, pa, pb, -1.5, b, OFFSET_ADDED);
            assertWrittenOnlyWhereAllowed(ls, lv, pa, pb, "terms (second operand " + (second != null) + ")");

            double[] lanes = new double[ProximityPass.MAX_LANES];
            double top = scalar.largest(ls, pa, pb, lanes);
            assertEquals(top, vector.largest(lv, pa, pb, lanes), "largest term");

            double[] ds = untouched();
            double[] dv = untouched();
            scalar.shifted(ls, pa, pb, top, ds);
            vector.shifted(lv, pa, pb, top, dv);
            assertWrittenOnlyWhereAllowed(ds, dv, 0, pb - pa, "shifted terms");
        }
    }

    /** Equal on {@code [from, to)}, untouched before it, and (vector) beyond {@code to + MAX_LANES}. */
    private static void assertWrittenOnlyWhereAllowed(double[] scalar, double[] vector, int from, int to,
            String what) {
        for (int p = 0; p < N; p++) {
            if (p >= from && p < to) {
                assertEquals(Double.doubleToRawLongBits(scalar[p]), Double.doubleToRawLongBits(vector[p]),
                        what + " at " + p + ": " + scalar[p] + " vs " + vector[p]);
            } else {
                assertEquals(UNTOUCHED, scalar[p], what + ": the scalar kernel wrote outside the range at " + p);
                if (p < from || p >= to + ProximityPass.MAX_LANES) {
                    assertEquals(UNTOUCHED, vector[p], what + ": the vector kernel wrote at " + p);
                }
            }
        }
    }

    /** NaN terms are passed over, as {@code x > top ? x : top} does; lanes past the range never count. */
    @ParameterizedTest(name = "[{0}, {1})")
    @CsvSource({"0, 0", "2, 3", "0, 9", "4, 21"})
    void largestPassesOverNaNAndIgnoresLanesPastTheRange(int pa, int pb) {
        for (ProximityPass pass : new ProximityPass[] {ProximityPass.scalar(), ProximityPass.best()}) {
            double[] l = random(3, N);
            for (int p = pa; p < pb; p += 2) {
                l[p] = Double.NaN;
            }
            for (int p = pb; p < N; p++) {
                l[p] = 1e300; // larger than any term in the range: must not be seen
            }
            double expected = Double.NEGATIVE_INFINITY;
            for (int p = pa; p < pb; p++) {
                if (l[p] > expected) {
                    expected = l[p];
                }
            }
            assertEquals(expected, pass.largest(l, pa, pb, new double[ProximityPass.MAX_LANES]),
                    pass.name() + " largest of [" + pa + ", " + pb + ")");
        }
    }
}
