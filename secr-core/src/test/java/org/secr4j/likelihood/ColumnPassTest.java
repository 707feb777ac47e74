package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.secr4j.Tolerance;

/**
 * The row segments' detector pass ({@link ProximityPass#column}: one detector, consecutive mask points
 * of a row) against the per-point pass ({@link ProximityPass#run}), and the segment index search
 * ({@link SessionKernel#firstAtLeast}, {@link SessionKernel#firstAbove}) against a linear search.
 */
class ColumnPassTest {
    /** The vector kernel's atoms and sums against the scalar kernel's (lane series and atanh form vs log). */
    private static final Tolerance VECTOR_VS_SCALAR = Tolerance.relative("vector vs scalar column", 1e-12);
    /** The hazard form's series and closed forms (the series' first omitted term is below 1e-19 there). */
    private static final Tolerance CLOSED_FORM = Tolerance.relative("hazard form vs closed form", 1e-13);
    /** Points in the test row, not a multiple of any lane count, and the column's range within them. */
    private static final int POINTS = 45;
    private static final int P0 = 3;
    private static final int P1 = 38;
    /** Value the sums start from, so that the test sees what the pass adds and where. */
    private static final double START = 0.5;

    /** A row of points 5 m apart at y = 12 m and a detector at (101, 30): v from 0.85 down to about 1e-9. */
    private static final class Row {
        final double[] px = new double[POINTS + ProximityPass.MAX_LANES];
        final double[] exT = new double[POINTS + ProximityPass.MAX_LANES];
        final double py = 12;
        final double xq = 101;
        final double yq = 30;
        final double eyq;
        final double[] coef = new double[ProximityPass.COEFFICIENTS];

        Row(double mode) {
            this(mode, ProximityPass.G_FORM);
        }

        Row(double mode, double form) {
            double sigma = 22;
            double c = 1 / (2 * sigma * sigma);
            for (int p = 0; p < px.length; p++) {
                px[p] = 5 * p;
                exT[p] = p < POINTS ? Math.exp(-(px[p] - xq) * (px[p] - xq) * c) : 0;
            }
            eyq = Math.exp(-(py - yq) * (py - yq) * c);
            coef[ProximityPass.C] = c;
            coef[ProximityPass.A] = 0.85;
            coef[ProximityPass.LOG_A] = Math.log(0.85);
            coef[ProximityPass.CA] = 0.15;
            coef[ProximityPass.CS] = 1;
            coef[ProximityPass.MODE] = mode;
            coef[ProximityPass.FORM] = form;
        }
    }

    /**
     * The column's outputs: atoms, the gradient factors {@link ProximityPass#run} writes (formed from the
     * column's {@code dg} with {@code run}'s arithmetic, so that they compare to the bit) and the three
     * per-point sums.
     */
    private record Out(double[] dv, double[] dg0, double[] dg1, double[] sh, double[] s0, double[] s1) {
        static Out of(ProximityPass pass, Row row, boolean gradient) {
            return of(pass, row, gradient, true);
        }

        static Out of(ProximityPass pass, Row row, boolean gradient, boolean atoms) {
            int n = POINTS + ProximityPass.MAX_LANES;
            Out o = new Out(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
            Arrays.fill(o.sh, START);
            Arrays.fill(o.s0, START);
            Arrays.fill(o.s1, START);
            double[] dg = new double[n];
            pass.column(row.xq, row.yq, row.px, row.py, P0, P1, row.exT, 0, row.eyq, row.coef, gradient, atoms, o.dv, dg, 0,
                    o.sh, o.s0, o.s1);
            double c = row.coef[ProximityPass.C];
            double dy = row.py - row.yq;
            for (int p = P0; p < P1; p++) {
                double dls = -2 * ProximityPass.logF(row.px[p] - row.xq, dy, c);
                o.dg0[p] = dg[p] * row.coef[ProximityPass.CA];
                o.dg1[p] = dg[p] * dls * row.coef[ProximityPass.CS];
            }
            return o;
        }
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(doubles = {ProximityPass.ODDS_ATOMS, ProximityPass.HAZARD_ATOMS})
    void scalarColumnGivesThePerPointPassAtomsToTheBit(double mode) {
        Row row = new Row(mode);
        Out col = Out.of(ProximityPass.scalar(), row, true);
        for (int p = P0; p < P1; p++) {
            assertColumnIsRun(row, col, p);
        }
    }

    /**
     * The scalar column leaves the pairs whose formulas call out (a log, an expm1) to a second loop over the
     * positions from the first such pair to the last: with two separate groups of them in the row and smaller v
     * between (factors that do not fall away from one column), and NaN, every position still gets
     * {@link ProximityPass#run}'s values to the bit, once.
     */
    @ParameterizedTest(name = "mode {0}, form {1}")
    @CsvSource({"0, 0", "1, 0", "0, 1", "1, 1"})
    void scalarColumnWithSeparateGroupsOfLargeValuesGivesThePerPointPassToTheBit(double mode, double form) {
        Row row = new Row(mode, form);
        for (int p = 0; p < POINTS; p++) {
            row.exT[p] = 1e-7 * (p + 1);
        }
        row.exT[P0] = 0.9 / 0.85 / row.eyq; // v = 0.9 at the first position
        row.exT[12] = 0.02 / 0.85 / row.eyq;
        row.exT[13] = 3e-4 / 0.85 / row.eyq;
        row.exT[20] = Double.NaN;
        row.exT[30] = 0.5 / 0.85 / row.eyq;
        row.exT[P1 - 1] = 2e-3 / 0.85 / row.eyq; // and 2e-3 at the last
        Out col = Out.of(ProximityPass.scalar(), row, true);
        for (int p = P0; p < P1; p++) {
            assertColumnIsRun(row, col, p);
        }
        for (int p = 0; p < POINTS; p++) {
            if (p < P0 || p >= P1) {
                assertEquals(START, col.sh[p], "sum of h outside the range at " + p);
            }
        }
    }

    /**
     * Asserts that the column's values at position p are {@link ProximityPass#run}'s at that point, to the bit,
     * and returns run's atom, gradient factors and sums there.
     */
    private static double[] assertColumnIsRun(Row row, Out col, int p) {
        double[] dv = new double[1];
        double[] dg0 = new double[1];
        double[] dg1 = new double[1];
        double[] sums = new double[ProximityPass.SUMS_LENGTH];
        ProximityPass.scalar().run(row.px[p], row.py, new double[] {row.xq}, new double[] {row.yq}, 0, 1, null,
                new double[] {row.exT[p]}, 0, new double[] {row.eyq}, 0, null, row.coef, dv, dg0, dg1, sums);
        assertEquals(dv[0], col.dv[p], "atom at " + p);
        assertEquals(dg0[0], col.dg0[p], "intercept factor at " + p);
        assertEquals(dg1[0], col.dg1[p], "sigma factor at " + p);
        assertEquals(START + sums[0], col.sh[p], "sum of h at " + p);
        assertEquals(START + sums[1], col.s0[p], "sum of r at " + p);
        assertEquals(START + sums[2], col.s1[p], "sum of r dls at " + p);
        return new double[] {dv[0], dg0[0], dg1[0], sums[0], sums[1], sums[2]};
    }

    /**
     * The hazard form (HHN, h = 0.85 f from 0.85 down to about 1e-9, across the series threshold): the column
     * gives {@code run}'s values to the bit, and both are the closed forms \( \log h \) (factor 1) and
     * \( \log(e^h - 1) \) (factor \( h/(1 - e^{-h}) \)), the sums \( \sum h \), \( \sum h \), \( \sum h\,d^2/\sigma^2 \).
     */
    @ParameterizedTest(name = "mode {0}")
    @ValueSource(doubles = {ProximityPass.ODDS_ATOMS, ProximityPass.HAZARD_ATOMS})
    void hazardFormColumnGivesThePerPointPassAtomsAndTheClosedForms(double mode) {
        Row row = new Row(mode, ProximityPass.HAZARD_FORM);
        Out col = Out.of(ProximityPass.scalar(), row, true);
        double c = row.coef[ProximityPass.C];
        for (int p = P0; p < P1; p++) {
            double[] run = assertColumnIsRun(row, col, p);
            double dx = row.px[p] - row.xq;
            double dy = row.py - row.yq;
            double h = 0.85 * Math.exp(-(dx * dx + dy * dy) * c);
            double dls = 2 * (dx * dx + dy * dy) * c;
            boolean odds = mode == ProximityPass.ODDS_ATOMS;
            double atom = odds ? Math.log(Math.expm1(h)) : Math.log(h);
            double factor = odds ? h / -Math.expm1(-h) : 1;
            CLOSED_FORM.assertClose(atom, run[0], "atom at " + p + " (h = " + h + ")");
            CLOSED_FORM.assertClose(factor * 0.15, run[1], "intercept factor at " + p);
            CLOSED_FORM.assertClose(factor * dls, run[2], "sigma factor at " + p);
            CLOSED_FORM.assertClose(h, run[3], "h at " + p);
            CLOSED_FORM.assertClose(h, run[4], "r at " + p);
            CLOSED_FORM.assertClose(h * dls, run[5], "r dls at " + p);
        }
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(doubles = {ProximityPass.ODDS_ATOMS, ProximityPass.HAZARD_ATOMS})
    void vectorColumnMatchesTheScalarColumnAndLeavesTheSumsOutsideItsRange(double mode) {
        assumeTrue(LikelihoodOptions.vectorKernelAvailable(), "no Vector API kernel on this runtime");
        Row row = new Row(mode);
        Out scalar = Out.of(ProximityPass.scalar(), row, true);
        Out vector = Out.of(ProximityPass.best(), row, true);
        for (int p = 0; p < POINTS + ProximityPass.MAX_LANES; p++) {
            if (p < P0 || p >= P1) { // the vector kernel may write atoms there, never the sums
                assertEquals(START, vector.sh[p], "sum of h outside the range at " + p);
                assertEquals(START, vector.s0[p], "sum of r outside the range at " + p);
                assertEquals(START, vector.s1[p], "sum of r dls outside the range at " + p);
                continue;
            }
            VECTOR_VS_SCALAR.assertClose(scalar.dv[p], vector.dv[p], "atom at " + p);
            VECTOR_VS_SCALAR.assertClose(scalar.dg0[p], vector.dg0[p], "intercept factor at " + p);
            VECTOR_VS_SCALAR.assertClose(scalar.dg1[p], vector.dg1[p], "sigma factor at " + p);
            VECTOR_VS_SCALAR.assertClose(scalar.sh[p], vector.sh[p], "sum of h at " + p);
            VECTOR_VS_SCALAR.assertClose(scalar.s0[p], vector.s0[p], "sum of r at " + p);
            VECTOR_VS_SCALAR.assertClose(scalar.s1[p], vector.s1[p], "sum of r dls at " + p);
        }
    }

    /**
     * A detector that ran on 7 occasions (weight 7): {@code run} adds 7 times its unit-usage terms to the sums
     * and leaves its atoms and gradient factors those of one unit of usage; the Vector API kernel gives the
     * scalar kernel's values (it takes the scalar formulas for weighted sums).
     */
    @ParameterizedTest(name = "mode {0}")
    @ValueSource(doubles = {ProximityPass.ODDS_ATOMS, ProximityPass.HAZARD_ATOMS})
    void weightedRunAddsTheWeightedTermsAndKeepsTheUnitAtoms(double mode) {
        double weight = 7;
        Row row = new Row(mode);
        int n = P1 - P0;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] w = new double[n];
        Arrays.fill(ys, row.yq);
        Arrays.fill(w, weight);
        for (int p = P0; p < P1; p++) { // the detector at every distance of the row from one point
            xs[p - P0] = row.xq - (row.px[p] - row.px[P0]);
        }
        double[][] out = new double[4][];
        for (int t = 0; t < 4; t++) { // unit and weighted, scalar and vector
            ProximityPass pass = t < 2 ? ProximityPass.scalar() : ProximityPass.best();
            double[] dv = new double[n + ProximityPass.MAX_LANES];
            double[] sums = new double[ProximityPass.SUMS_LENGTH];
            pass.run(row.px[P0], row.py, xs, ys, 0, n, null, null, 0, null, 0, t % 2 == 0 ? null : w, row.coef, dv,
                    new double[dv.length], new double[dv.length], sums);
            out[t] = new double[] {sums[0], sums[1], sums[2], dv[0], dv[n - 1]};
        }
        for (int j = 0; j < 3; j++) {
            CLOSED_FORM.assertClose(weight * out[0][j], out[1][j], "weighted sum " + j);
            VECTOR_VS_SCALAR.assertClose(out[1][j], out[3][j], "vector weighted sum " + j);
        }
        assertEquals(out[0][3], out[1][3], "the atoms do not depend on the weights");
        assertEquals(out[0][4], out[1][4], "the atoms do not depend on the weights");
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(doubles = {ProximityPass.ODDS_ATOMS, ProximityPass.HAZARD_ATOMS})
    void valueOnlyColumnGivesTheSameAtomsAndHazardSums(double mode) {
        for (ProximityPass pass : new ProximityPass[] {ProximityPass.scalar(), ProximityPass.best()}) {
            Row row = new Row(mode);
            Out both = Out.of(pass, row, true);
            Out value = Out.of(pass, row, false);
            for (int p = P0; p < P1; p++) {
                assertEquals(both.dv[p], value.dv[p], pass.name() + " atom at " + p);
                assertEquals(both.sh[p], value.sh[p], pass.name() + " sum of h at " + p);
            }
        }
    }

    /**
     * A detector whose atoms no animal of the segment reads ({@code atoms} false): every kernel adds the same
     * sums to the bit as with its atoms, over the three regimes of the row (v from 0.85 down to 1e-9: the log,
     * the atanh form, the series), and a kernel that {@link ProximityPass#skipsAtoms} writes no atom or factor.
     */
    @ParameterizedTest(name = "mode {0}, gradient {1}")
    @CsvSource({"0, true", "0, false", "1, true", "1, false"})
    void columnWithoutAtomsAddsTheSameSumsToTheBit(double mode, boolean gradient) {
        for (ProximityPass pass : new ProximityPass[] {ProximityPass.scalar(), ProximityPass.best()}) {
            Row row = new Row(mode);
            Out with = Out.of(pass, row, gradient, true);
            Out without = Out.of(pass, row, gradient, false);
            for (int p = 0; p < POINTS + ProximityPass.MAX_LANES; p++) {
                String at = pass.name() + " at " + p;
                assertEquals(with.sh[p], without.sh[p], "sum of h " + at);
                if (gradient) {
                    assertEquals(with.s0[p], without.s0[p], "sum of r " + at);
                    assertEquals(with.s1[p], without.s1[p], "sum of r dls " + at);
                }
                if (pass.skipsAtoms() && mode == ProximityPass.ODDS_ATOMS) {
                    assertEquals(0, without.dv[p], "no atom written " + at);
                    assertEquals(0, without.dg0[p], "no factor written " + at);
                }
            }
        }
    }

    /**
     * The reach probe's hazard sum ({@link ProximityPass#hazardSum}) and single atoms ({@link ProximityPass#atomAt})
     * are the whole scalar pass's first sum and atoms to the bit: both modes and forms, with and without the
     * separable factors, with and without detector weights.
     */
    @ParameterizedTest(name = "mode {0}, form {1}")
    @CsvSource({"0, 0", "1, 0", "0, 1", "1, 1"})
    void probeSumAndAtomsAreThePassesToTheBit(double mode, double form) {
        Row row = new Row(mode, form);
        int n = P1 - P0;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] ex = new double[n];
        double[] ey = new double[n];
        double[] w = new double[n];
        double c = row.coef[ProximityPass.C];
        for (int j = 0; j < n; j++) { // detectors at the row's points, seen from a point off the row
            xs[j] = row.px[P0 + j];
            ys[j] = row.yq + 3 * j;
            ex[j] = Math.exp(-(row.xq - xs[j]) * (row.xq - xs[j]) * c);
            ey[j] = Math.exp(-(row.py - ys[j]) * (row.py - ys[j]) * c);
            w[j] = 1 + j % 3;
        }
        for (boolean separable : new boolean[] {false, true}) {
            for (double[] weights : new double[][] {null, w}) {
                double[] dv = new double[n];
                double[] sums = new double[ProximityPass.SUMS_LENGTH];
                ProximityPass.scalar().run(row.xq, row.py, xs, ys, 0, n, null, separable ? ex : null, 0,
                        separable ? ey : null, 0, weights, row.coef, dv, new double[n], new double[n], sums);
                String what = "separable " + separable + ", weighted " + (weights != null);
                assertEquals(sums[0], ProximityPass.hazardSum(row.xq, row.py, xs, ys, n, separable ? ex : null, 0,
                        separable ? ey : null, 0, weights, row.coef), "hazard sum, " + what);
                for (int j = 0; j < n; j++) {
                    assertEquals(dv[j], ProximityPass.atomAt(row.xq, row.py, xs[j], ys[j], separable, ex[j], ey[j],
                            row.coef), "atom " + j + ", " + what);
                }
            }
        }
    }

    @Test
    void segmentSearchesAgreeWithALinearSearch() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + r.nextInt(SessionKernel.SEGMENT);
            double[] sx = new double[n];
            double spacing = 0.1 + r.nextDouble() * 50;
            double x0 = r.nextDouble(-1e4, 1e4);
            boolean regular = trial % 2 == 0;
            for (int p = 0; p < n; p++) { // a grid with rounding, or one with uneven gaps
                sx[p] = regular ? x0 + p * spacing : (p == 0 ? x0 : sx[p - 1] + spacing * r.nextDouble(0.2, 3));
            }
            double step = SessionKernel.segmentStep(sx, n);
            double[] probes = new double[40];
            for (int k = 0; k < probes.length; k++) {
                probes[k] = switch (k % 4) {
                    case 0 -> sx[r.nextInt(n)]; // exactly on a point
                    case 1 -> Math.nextUp(sx[r.nextInt(n)]);
                    case 2 -> Math.nextDown(sx[r.nextInt(n)]);
                    default -> r.nextDouble(x0 - 3 * spacing, sx[n - 1] + 3 * spacing);
                };
            }
            probes[0] = Double.NEGATIVE_INFINITY;
            probes[1] = Double.POSITIVE_INFINITY;
            for (double v : probes) {
                int atLeast = 0;
                while (atLeast < n && sx[atLeast] < v) {
                    atLeast++;
                }
                int above = 0;
                while (above < n && sx[above] <= v) {
                    above++;
                }
                String what = "n " + n + " regular " + regular + " v " + v;
                assertEquals(atLeast, SessionKernel.firstAtLeast(sx, n, step, v), "first at least, " + what);
                assertEquals(above, SessionKernel.firstAbove(sx, n, step, v), "first above, " + what);
            }
        }
    }
}
