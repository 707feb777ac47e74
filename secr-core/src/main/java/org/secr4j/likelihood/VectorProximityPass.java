package org.secr4j.likelihood;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ProximityPass} on the Vector API: the same formulas over lanes of the preferred species
 * (8 doubles with AVX-512), the hazard's short series where every lane's v is small and its atanh
 * form otherwise, sums kept per lane and added once; the last {@code (j1 - j0) mod L} positions go
 * through the scalar formulas. Loaded reflectively, and only when the boot layer has
 * {@code jdk.incubator.vector}, so the library needs no flags on a plain JDK 17.
 */
final class VectorProximityPass extends ProximityPass {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private static final double SQRT2 = Math.sqrt(2);
    /** ln 2 split so that {@code e * LN2_HI} is exact for |e| &lt; 2^11 (fdlibm's constants). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /**
     * 1/(2n + 1), n = 0..11: the series of atanh, truncated where z^12/25 &lt; 2^-53 for z ≤ 0.0295
     * ({@link #oddsColumn} writes its Horner form out term by term).
     */
    private static final double[] ATANH = new double[12];

    static {
        for (int n = 0; n < ATANH.length; n++) {
            ATANH[n] = 1.0 / (2 * n + 1);
        }
    }

    /** 1/k!, k = 0..13: exp's Taylor series on |r| ≤ ln2/2, truncated where r^14/14! &lt; 2^-53 e^r. */
    private static final double[] EXP = new double[14];
    /** 1.5 · 2^52: added to |t| &lt; 2^51, rounds t to an integer held in the low bits of the sum. */
    private static final double ROUND = 0x1.8p52;
    private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    private static final double LOG2E = 1 / Math.log(2);
    /**
     * The bits of \( 2^{52} \): or-ed with a double's biased exponent field \( b < 2^{11} \) they give the
     * double \( 2^{52} + b \) exactly, and subtracting {@link #EXPONENT_OFFSET} leaves the unbiased exponent
     * \( b - 1023 \) as a double. Not {@code convert(L2D)}: C2 did not always intrinsify that conversion on
     * 512-bit vectors, and its Java fallback then took 70% of a warm fit's samples (multiSex, JFR).
     */
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);
    private static final double EXPONENT_OFFSET = 0x1p52 + 1023;

    static {
        double f = 1;
        for (int k = 0; k < EXP.length; k++) {
            EXP[k] = 1 / f;
            f *= k + 1;
        }
    }

    /** 0, 1, …, {@link ProximityPass#MAX_LANES} − 1: each lane's index, to mask a column's last lane group. */
    private static final double[] LANE = {0, 1, 2, 3, 4, 5, 6, 7};

    /** Below this v, \( s = v/(2 - v) \le 3 - 2\sqrt 2 = 0.1716 \), where the {@link #ATANH} series holds. */
    static final double ATANH_V = 1 - Math.sqrt(0.5);

    /** A kernel whose Vector API operations have all been looked up once ({@link #prime}). */
    VectorProximityPass() {
        if (usable()) {
            prime();
        }
    }

    @Override
    boolean usable() {
        return S.length() >= 4 && S.length() <= MAX_LANES;
    }

    /**
     * Runs each kernel once, in both modes and on every path (computed and separable factors, gathered or
     * not, value and gradient, a masked last lane group, the scalar tail), on made-up pairs whose
     * \( v = g_0 f(d) \) puts one lane group below {@link SessionKernel#SERIES_V}, one in the atanh form's
     * range and one at and beyond {@link #ATANH_V} (v = 1 included), so that every branch runs. The results
     * are thrown away.
     *
     * <p>Why: each Vector API operation looks its implementation up in a cache
     * ({@code VectorOperators.ImplCache.find}) that is filled on an operation's first use. That shared method
     * becomes hot early and is compiled by C2 on its own; where an operation is then used for the first time
     * (a rare branch reached late), the compiled lookup fails its speculation and deoptimizes, and those
     * traps are counted in its profile (three in the JVMs that failed). C2 adds an inlined method's trap
     * count to its compilation's total each time it inlines it, and the lookup is inlined at every vector
     * operation, so a kernel of some 35 or more operations passes the per-compilation limit (100): C2 then
     * compiles the rest without type speculation, the vectors' classes are no longer exact, the intrinsics
     * are refused, and every vector of the loop is put on the heap (6 to 90 MB per refL evaluation, in
     * about one fresh JVM in three; {@code -XX:+LogCompilation} shows the traps and the count). With every
     * operation looked up here, before any of it is compiled, the lookup never misses again.
     */
    private void prime() {
        final int lanes = S.length();
        final int n = 3 * lanes + 3; // three lane groups and a scalar tail
        final int room = n + MAX_LANES;
        double[] v = new double[room];
        java.util.Arrays.fill(v, 1e-6);
        v[lanes] = 0.01; // the atanh form
        v[2 * lanes] = 0.5; // the log
        v[2 * lanes + 1] = 1; // the log of 0
        double[] xs = new double[room];
        double[] ys = new double[room];
        double[] ones = new double[room];
        int[] det = new int[room];
        for (int j = 0; j < room; j++) {
            xs[j] = Math.sqrt(-Math.log(v[j])); // c = 1 and a = 1: f(d) = exp(-d^2) = v
            ones[j] = 1;
            det[j] = j;
        }
        double[] dv = new double[room];
        double[] dg0 = new double[room];
        double[] dg1 = new double[room];
        double[] sh = new double[room];
        double[] s0 = new double[room];
        double[] s1 = new double[room];
        double[] sums = new double[SUMS_LENGTH];
        double[] coef = new double[COEFFICIENTS];
        coef[C] = 1;
        coef[A] = 1;
        coef[CA] = 1;
        coef[CS] = 1;
        for (double mode : new double[] {ODDS_ATOMS, HAZARD_ATOMS}) {
            coef[MODE] = mode;
            run(0, 0, xs, ys, 0, n, null, null, 0, null, 0, null, coef, dv, dg0, dg1, sums);
            run(0, 0, xs, ys, 0, n, null, v, 0, ones, 0, null, coef, dv, dg0, dg1, sums);
            run(0, 0, xs, ys, 0, n, det, v, 0, ones, 0, null, coef, dv, dg0, dg1, sums);
            for (boolean gradient : new boolean[] {false, true}) {
                for (boolean atoms : new boolean[] {false, true}) {
                    column(0, 0, xs, 0, 0, n, v, 0, 1, coef, gradient, atoms, dv, dg0, 0, sh, s0, s1);
                }
            }
        }
        double[] d = new double[room];
        for (int j = 0; j < n; j++) {
            d[j] = -j;
        }
        exps(d, n);
    }

    @Override
    String name() {
        return "vector";
    }

    @Override
    void run(double px, double py, double[] xs, double[] ys, int j0, int j1, int[] det, double[] ex, int ox,
            double[] ey, int oy, double[] w, double[] coef, double[] dv, double[] dg0, double[] dg1, double[] sums) {
        if (w != null) {
            // weighted sums (usage other than 1) take the scalar formulas, and the lanes below stay as they are,
            // written so that C2 keeps their vectors in registers: SessionKernel evaluates weighted models in row
            // segments ({@link #column}, unweighted, the weights applied by the caller), and takes this per-point
            // path there only for each animal's reach probe, or on masks with too few points per row
            scalarRange(px, py, xs, ys, j0, j1, det, ex, ox, ey, oy, w, coef, dv, dg0, dg1, sums);
            return;
        }
        final int L = S.length();
        final int upper = j0 + (j1 - j0) / L * L;
        if (ex != null && det != null) {
            // Local evaluation's detectors come by index (their y factors by position). On JDK 17 the
            // Vector API's indexed load (fromArray with an index map) runs as Java code that allocates each
            // vector (16 MB per refL evaluation), so the x factors are gathered here in a scalar loop, into
            // dv: each lane group below reads them from dv before it writes its atoms there.
            for (int j = j0; j < upper; j++) {
                dv[j] = ex[ox + det[j]];
            }
        }
        if (upper > j0) {
            if (coef[MODE] == HAZARD_ATOMS) {
                hazardLanes(px, py, xs, ys, j0, upper, det != null, ex, ox, ey, oy, coef, dv, dg0, dg1, sums);
            } else {
                oddsLanes(px, py, xs, ys, j0, upper, det != null, ex, ox, ey, oy, coef, dv, dg0, dg1, sums);
            }
        } else {
            java.util.Arrays.fill(sums, 3, 3 + 3 * L, 0);
        }
        scalarRange(px, py, xs, ys, upper, j1, det, ex, ox, ey, oy, null, coef, dv, dg0, dg1, sums);
        sums[0] += laneSum(sums, 3, L);
        sums[1] += laneSum(sums, 3 + L, L);
        sums[2] += laneSum(sums, 3 + 2 * L, L);
    }

    @Override
    boolean skipsAtoms() {
        return true;
    }

    @Override
    void column(double xq, double yq, double[] px, double py, int p0, int p1, double[] exT, int oe, double eyq,
            double[] coef, boolean gradient, boolean atoms, double[] dv, double[] dg, int od, double[] sh, double[] s0,
            double[] s1) {
        if (coef[MODE] == HAZARD_ATOMS) {
            // the scalar formulas: a vector version of hazardLanes's arithmetic here was left partly as Java
            // code by C2 in some test JVMs (1.3 MB allocated per evaluation of a small multi-catch survey)
            super.column(xq, yq, px, py, p0, p1, exT, oe, eyq, coef, gradient, atoms, dv, dg, od, sh, s0, s1);
        } else if (gradient) {
            if (atoms) {
                oddsColumn(xq, yq, px, py, p0, p1, exT, oe, eyq, coef, dv, dg, od, sh, s0, s1);
            } else {
                oddsColumnSums(xq, yq, px, py, p0, p1, exT, oe, eyq, coef, sh, s0, s1);
            }
        } else if (atoms) {
            oddsColumnValue(xq, yq, px, py, p0, p1, exT, oe, eyq, coef, dv, od, sh);
        } else {
            oddsColumnValueSums(p0, p1, exT, oe, eyq, coef, sh);
        }
    }

    /**
     * {@link #column} for proximity detectors ({@link #ODDS_ATOMS}) over lanes of consecutive positions;
     * the last group's lanes from {@code p1} on get v = 0 by a blend, so they add nothing to the sums (their
     * atoms are written and never read). The arithmetic is {@link #oddsLanes}'s, repeated for the reasons
     * given there, with one more rule: no vector value flows out of a branch. Each of the three cases (every
     * lane's v below {@link SessionKernel#SERIES_V}: the series; some above: the atanh form; some at or above
     * {@link #ATANH_V}: the log there) writes its own atoms and sums. When h and r were set in such branches
     * and used after them, a JVM in which C2 boxed them allocated 381 to 518 MB per refL dense evaluation with
     * gradient; written this way, 108 MB (see {@code benchmarks/RESULTS.md}). The cause of those failures was
     * found later: traps in the Vector API's operation lookup, counted by C2 at each inlining ({@link #prime}),
     * which the priming removes. The structure stays: the benchmarks since were measured with it.
     */
    private static void oddsColumn(double xq, double yq, double[] px, double py, int p0, int p1, double[] exT, int oe,
            double eyq, double[] coef, double[] dv, double[] dg, int od, double[] sh, double[] s0, double[] s1) {
        final int L = S.length();
        final double c = coef[C];
        final double twoC = 2 * c;
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final double dy = py - yq;
        final double dy2 = dy * dy;
        final DoubleVector lane = DoubleVector.fromArray(S, LANE, 0);
        final DoubleVector zero = DoubleVector.zero(S);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int p = p0; p < p1; p += L) {
            DoubleVector dx = DoubleVector.fromArray(S, px, p).sub(xq);
            DoubleVector d2 = dx.mul(dx).add(dy2);
            DoubleVector lf = d2.neg().mul(c);
            DoubleVector dls = d2.mul(twoC); // -2 lf, to the bit
            // lanes from p1 on get v = 0, so h = r = 0 there: their atoms are written and never read
            DoubleVector v = zero.blend(DoubleVector.fromArray(S, exT, oe + p).mul(eyq).mul(a),
                    lane.compare(VectorOperators.LT, p1 - p));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            if (!big.anyTrue()) {
                // the series of SessionKernel.gHazard, same operation order, and gRatio's by fused
                // multiply-adds (within an ulp of its operation order; oddsColumnSums's to the bit)
                DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
                DoubleVector r = v.mul(v.fma(v.fma(v.fma(v.add(1), one), one), one));
                lf.add(logA).add(h).intoArray(dv, od + p);
                r.add(1).intoArray(dg, od + p);
                DoubleVector.fromArray(S, sh, p).add(h).intoArray(sh, p);
                DoubleVector.fromArray(S, s0, p).add(r).intoArray(s0, p);
                r.fma(dls, DoubleVector.fromArray(S, s1, p)).intoArray(s1, p);
                continue;
            }
            DoubleVector om = v.neg().add(1);
            DoubleVector sv = v.div(om.add(1));
            DoubleVector z = sv.mul(sv);
            DoubleVector q = z.mul(ATANH[11]).add(ATANH[10]).mul(z).add(ATANH[9]).mul(z).add(ATANH[8]).mul(z)
                    .add(ATANH[7]).mul(z).add(ATANH[6]).mul(z).add(ATANH[5]).mul(z).add(ATANH[4]).mul(z)
                    .add(ATANH[3]).mul(z).add(ATANH[2]).mul(z).add(ATANH[1]).mul(z).add(ATANH[0]);
            DoubleVector ha = sv.mul(q).mul(2);
            DoubleVector r = v.div(om);
            r.add(1).intoArray(dg, od + p);
            DoubleVector.fromArray(S, s0, p).add(r).intoArray(s0, p);
            r.fma(dls, DoubleVector.fromArray(S, s1, p)).intoArray(s1, p);
            VectorMask<Double> far = v.compare(VectorOperators.GE, ATANH_V);
            if (!far.anyTrue()) {
                lf.add(logA).add(ha).intoArray(dv, od + p);
                DoubleVector.fromArray(S, sh, p).add(ha).intoArray(sh, p);
                continue;
            }
            LongVector bits = om.reinterpretAsLongs();
            DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
            VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
            m = m.blend(m.mul(0.5), high);
            DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                    .sub(EXPONENT_OFFSET);
            ed = ed.blend(ed.add(1), high);
            DoubleVector sm = m.sub(1).div(m.add(1));
            DoubleVector zm = sm.mul(sm);
            DoubleVector pm = zm.mul(ATANH[11]).add(ATANH[10]).mul(zm).add(ATANH[9]).mul(zm).add(ATANH[8]).mul(zm)
                    .add(ATANH[7]).mul(zm).add(ATANH[6]).mul(zm).add(ATANH[5]).mul(zm).add(ATANH[4]).mul(zm)
                    .add(ATANH[3]).mul(zm).add(ATANH[2]).mul(zm).add(ATANH[1]).mul(zm).add(ATANH[0]);
            DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                    .blend(Double.NEGATIVE_INFINITY, om.compare(VectorOperators.EQ, 0));
            DoubleVector h = ha.blend(y.neg(), far);
            lf.add(logA).add(h).intoArray(dv, od + p);
            DoubleVector.fromArray(S, sh, p).add(h).intoArray(sh, p);
        }
    }

    /**
     * {@link #oddsColumn} at a detector whose atoms no animal of the segment reads: its three sums alone, each
     * term computed as there (the same sums to the bit), without storing the atoms and gradient factors.
     * Most detectors of a dense row segment are such (refL: an animal's term is read only at its own
     * detectors); skipping their stores (2 × 8 bytes per pair into a scratch of detectors × points) took refL's
     * dense value + gradient from 13.2 to 11.6 ms ({@code benchmarks/RESULTS.md}). A copy for the reasons given at
     * {@link #oddsColumnValue}.
     */
    private static void oddsColumnSums(double xq, double yq, double[] px, double py, int p0, int p1, double[] exT,
            int oe, double eyq, double[] coef, double[] sh, double[] s0, double[] s1) {
        final int L = S.length();
        final double twoC = 2 * coef[C];
        final double a = coef[A];
        final double dy = py - yq;
        final double dy2 = dy * dy;
        final DoubleVector lane = DoubleVector.fromArray(S, LANE, 0);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector zero = DoubleVector.zero(S);
        for (int p = p0; p < p1; p += L) {
            DoubleVector dx = DoubleVector.fromArray(S, px, p).sub(xq);
            DoubleVector dls = dx.mul(dx).add(dy2).mul(twoC); // -2 log f, to the bit
            DoubleVector v = zero.blend(DoubleVector.fromArray(S, exT, oe + p).mul(eyq).mul(a),
                    lane.compare(VectorOperators.LT, p1 - p));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            if (!big.anyTrue()) {
                // oddsColumn's h and r, to the bit
                DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
                DoubleVector r = v.mul(v.fma(v.fma(v.fma(v.add(1), one), one), one));
                DoubleVector.fromArray(S, sh, p).add(h).intoArray(sh, p);
                DoubleVector.fromArray(S, s0, p).add(r).intoArray(s0, p);
                r.fma(dls, DoubleVector.fromArray(S, s1, p)).intoArray(s1, p);
                continue;
            }
            DoubleVector om = v.neg().add(1);
            DoubleVector sv = v.div(om.add(1));
            DoubleVector z = sv.mul(sv);
            DoubleVector q = z.mul(ATANH[11]).add(ATANH[10]).mul(z).add(ATANH[9]).mul(z).add(ATANH[8]).mul(z)
                    .add(ATANH[7]).mul(z).add(ATANH[6]).mul(z).add(ATANH[5]).mul(z).add(ATANH[4]).mul(z)
                    .add(ATANH[3]).mul(z).add(ATANH[2]).mul(z).add(ATANH[1]).mul(z).add(ATANH[0]);
            DoubleVector ha = sv.mul(q).mul(2);
            DoubleVector r = v.div(om);
            DoubleVector.fromArray(S, s0, p).add(r).intoArray(s0, p);
            r.fma(dls, DoubleVector.fromArray(S, s1, p)).intoArray(s1, p);
            VectorMask<Double> far = v.compare(VectorOperators.GE, ATANH_V);
            if (!far.anyTrue()) {
                DoubleVector.fromArray(S, sh, p).add(ha).intoArray(sh, p);
                continue;
            }
            LongVector bits = om.reinterpretAsLongs();
            DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
            VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
            m = m.blend(m.mul(0.5), high);
            DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                    .sub(EXPONENT_OFFSET);
            ed = ed.blend(ed.add(1), high);
            DoubleVector sm = m.sub(1).div(m.add(1));
            DoubleVector zm = sm.mul(sm);
            DoubleVector pm = zm.mul(ATANH[11]).add(ATANH[10]).mul(zm).add(ATANH[9]).mul(zm).add(ATANH[8]).mul(zm)
                    .add(ATANH[7]).mul(zm).add(ATANH[6]).mul(zm).add(ATANH[5]).mul(zm).add(ATANH[4]).mul(zm)
                    .add(ATANH[3]).mul(zm).add(ATANH[2]).mul(zm).add(ATANH[1]).mul(zm).add(ATANH[0]);
            DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                    .blend(Double.NEGATIVE_INFINITY, om.compare(VectorOperators.EQ, 0));
            DoubleVector.fromArray(S, sh, p).add(ha.blend(y.neg(), far)).intoArray(sh, p);
        }
    }

    /**
     * {@link #oddsColumn} for the value alone: the atoms and \( \sum h \), without the odds ratio, the
     * gradient factors or their sums (the hazard is computed as there, to the bit). A copy, not a flag in
     * {@code oddsColumn}: one method with a flag took 22–24 ms per refL dense evaluation with the gradient
     * against 13.5–15 ms for the two ({@code benchmarks/RESULTS.md}), and a shared helper for the far lanes'
     * log, called with vector arguments on a rare branch, is what boxed in {@link #oddsLanes}.
     */
    private static void oddsColumnValue(double xq, double yq, double[] px, double py, int p0, int p1, double[] exT, int oe,
            double eyq, double[] coef, double[] dv, int od, double[] sh) {
        final int L = S.length();
        final double c = coef[C];
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final double dy = py - yq;
        final double dy2 = dy * dy;
        final DoubleVector lane = DoubleVector.fromArray(S, LANE, 0);
        final DoubleVector zero = DoubleVector.zero(S);
        for (int p = p0; p < p1; p += L) {
            DoubleVector dx = DoubleVector.fromArray(S, px, p).sub(xq);
            DoubleVector lf = dx.mul(dx).add(dy2).neg().mul(c);
            // lanes from p1 on get v = 0, so h = r = 0 there: their atoms are written and never read
            DoubleVector v = zero.blend(DoubleVector.fromArray(S, exT, oe + p).mul(eyq).mul(a),
                    lane.compare(VectorOperators.LT, p1 - p));
            // the series of SessionKernel.gHazard, same operation order
            DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            boolean anyBig = big.anyTrue();
            DoubleVector om = v;
            VectorMask<Double> far = big;
            boolean anyFar = false;
            if (anyBig) {
                om = v.neg().add(1);
                DoubleVector sv = v.div(om.add(1));
                DoubleVector z = sv.mul(sv);
                DoubleVector q = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    q = q.mul(z).add(ATANH[n]);
                }
                h = sv.mul(q).mul(2);
                far = v.compare(VectorOperators.GE, ATANH_V);
                anyFar = far.anyTrue();
            }
            if (anyFar) {
                DoubleVector x = om;
                LongVector bits = x.reinterpretAsLongs();
                DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                        .sub(EXPONENT_OFFSET);
                ed = ed.blend(ed.add(1), high);
                DoubleVector sm = m.sub(1).div(m.add(1));
                DoubleVector zm = sm.mul(sm);
                DoubleVector pm = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    pm = pm.mul(zm).add(ATANH[n]);
                }
                DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                        .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0));
                h = h.blend(y.neg(), far);
            }
            lf.add(logA).add(h).intoArray(dv, od + p);
            DoubleVector.fromArray(S, sh, p).add(h).intoArray(sh, p);
        }
    }

    /**
     * {@link #oddsColumnValue} at a detector whose atoms no animal of the segment reads: \( \sum h \) alone,
     * each h computed as there (the same sum to the bit), without the distances and the atoms' stores.
     */
    private static void oddsColumnValueSums(int p0, int p1, double[] exT, int oe, double eyq, double[] coef,
            double[] sh) {
        final int L = S.length();
        final double a = coef[A];
        final DoubleVector lane = DoubleVector.fromArray(S, LANE, 0);
        final DoubleVector zero = DoubleVector.zero(S);
        for (int p = p0; p < p1; p += L) {
            DoubleVector v = zero.blend(DoubleVector.fromArray(S, exT, oe + p).mul(eyq).mul(a),
                    lane.compare(VectorOperators.LT, p1 - p));
            DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            boolean anyBig = big.anyTrue();
            DoubleVector om = v;
            VectorMask<Double> far = big;
            boolean anyFar = false;
            if (anyBig) {
                om = v.neg().add(1);
                DoubleVector sv = v.div(om.add(1));
                DoubleVector z = sv.mul(sv);
                DoubleVector q = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    q = q.mul(z).add(ATANH[n]);
                }
                h = sv.mul(q).mul(2);
                far = v.compare(VectorOperators.GE, ATANH_V);
                anyFar = far.anyTrue();
            }
            if (anyFar) {
                DoubleVector x = om;
                LongVector bits = x.reinterpretAsLongs();
                DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                        .sub(EXPONENT_OFFSET);
                ed = ed.blend(ed.add(1), high);
                DoubleVector sm = m.sub(1).div(m.add(1));
                DoubleVector zm = sm.mul(sm);
                DoubleVector pm = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    pm = pm.mul(zm).add(ATANH[n]);
                }
                DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                        .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0));
                h = h.blend(y.neg(), far);
            }
            DoubleVector.fromArray(S, sh, p).add(h).intoArray(sh, p);
        }
    }

    /**
     * The lane groups of {@link #run} over {@code [j0, upper)} ({@code upper - j0} a multiple of the lane
     * count) for proximity detectors ({@link #ODDS_ATOMS}), their per-lane sums spilled to {@code sums[3..]}.
     * Written so that C2 keeps every vector in registers in every JVM, which is why this method and
     * {@link #hazardLanes} repeat each other's arithmetic instead of sharing helpers:
     * <ul>
     *   <li>No method of ours is called with vector arguments; the atanh form of the hazard and the
     *       general log are written out. C2 inlines a large callee at a rarely taken call site only if it
     *       is tiny, and a call left in place boxes its vector arguments on the heap: the helper on the
     *       branch of lane groups with some v ≥ 10⁻⁴ (few in a dense survey) allocated 84 MB to 3.1 GB per
     *       large500 evaluation in some fresh JVMs and nothing in others, depending on how often the
     *       branch had run when C2 compiled the loop.</li>
     *   <li>One method per mode: one loop that had seen both modes allocated 8 kB per call once C2 had
     *       recompiled it.</li>
     *   <li>Each is compiled apart from the gather, the scalar tail and the lane sums, so that its graph
     *       stays below C2's node-count limit for inlining ({@code NodeCountInliningCutoff}).</li>
     * </ul>
     */
    private static void oddsLanes(double px, double py, double[] xs, double[] ys, int j0, int upper, boolean gathered,
            double[] ex, int ox, double[] ey, int oy, double[] coef, double[] dv, double[] dg0, double[] dg1,
            double[] sums) {
        final int L = S.length();
        final double c = coef[C];
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final double cA = coef[CA];
        final double cS = coef[CS];
        DoubleVector sh = DoubleVector.zero(S);
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        for (int j = j0; j < upper; j += L) {
            DoubleVector dx = DoubleVector.fromArray(S, xs, j).neg().add(px);
            DoubleVector dy = DoubleVector.fromArray(S, ys, j).neg().add(py);
            DoubleVector lf = dx.mul(dx).add(dy.mul(dy)).neg().mul(c);
            DoubleVector f;
            if (ex == null) {
                f = lf.lanewise(VectorOperators.EXP);
            } else if (!gathered) {
                f = DoubleVector.fromArray(S, ex, ox + j).mul(DoubleVector.fromArray(S, ey, oy + j));
            } else {
                f = DoubleVector.fromArray(S, dv, j).mul(DoubleVector.fromArray(S, ey, oy + j));
            }
            DoubleVector v = f.mul(a);
            // the series of SessionKernel.gHazard and gRatio, same operation order
            DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
            DoubleVector r = v.mul(v.mul(v.mul(v.mul(v.add(1)).add(1)).add(1)).add(1));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            boolean anyBig = big.anyTrue();
            DoubleVector om = v; // 1 - v once a lane needs it (never null: C2 keeps no null vector in registers)
            VectorMask<Double> far = big;
            boolean anyFar = false;
            if (anyBig) {
                // every lane (the small lanes' series agree to an ulp): -log(1 - v) = 2 atanh(s), s = v/(2 - v)
                // (as 1/(1 - v) = (1 + s)/(1 - s)), by the atanh series without range reduction and with no
                // cancellation in 1 - v; lanes from ATANH_V on (rare: g0 f(d) > 0.29) by the log below
                om = v.neg().add(1);
                DoubleVector sv = v.div(om.add(1));
                DoubleVector z = sv.mul(sv);
                DoubleVector p = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    p = p.mul(z).add(ATANH[n]);
                }
                h = sv.mul(p).mul(2);
                r = v.div(om);
                far = v.compare(VectorOperators.GE, ATANH_V);
                anyFar = far.anyTrue();
            }
            // The general log of the far lanes' 1 - v, written out here rather than called (see oddsLanes):
            // x > 0 and normal (1 - v >= 2^-53), or 0 where v = 1 (h = +infinity, as -Math.log(0)).
            if (anyFar) {
                DoubleVector x = om;
                LongVector bits = x.reinterpretAsLongs();
                DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                        .sub(EXPONENT_OFFSET);
                ed = ed.blend(ed.add(1), high);
                DoubleVector sm = m.sub(1).div(m.add(1));
                DoubleVector zm = sm.mul(sm);
                DoubleVector pm = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    pm = pm.mul(zm).add(ATANH[n]);
                }
                DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                        .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0));
                h = h.blend(y.neg(), far);
            }
            DoubleVector dls = lf.mul(-2);
            DoubleVector g = r.add(1);
            lf.add(logA).add(h).intoArray(dv, j);
            g.mul(cA).intoArray(dg0, j);
            g.mul(dls).mul(cS).intoArray(dg1, j);
            sh = sh.add(h);
            s0 = s0.add(r);
            s1 = s1.add(r.mul(dls));
        }
        // reduceLanes(ADD) is not intrinsified for 512-bit doubles on JDK 17: it ran as Java code, a
        // third of refL's local evaluation time (JFR). The lanes are spilled and added in lane order,
        // as that Java code does, so the sums are the same to the bit.
        sh.intoArray(sums, 3);
        s0.intoArray(sums, 3 + L);
        s1.intoArray(sums, 3 + 2 * L);
    }

    /**
     * {@link #oddsLanes} for multi-catch traps and Poisson counts ({@link #HAZARD_ATOMS}): the atom is
     * \( \log h \), its two logs (the far lanes' h, then log h) written out one after the other (a loop over
     * them boxed its vectors).
     */
    private static void hazardLanes(double px, double py, double[] xs, double[] ys, int j0, int upper, boolean gathered,
            double[] ex, int ox, double[] ey, int oy, double[] coef, double[] dv, double[] dg0, double[] dg1,
            double[] sums) {
        final int L = S.length();
        final double c = coef[C];
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final double cA = coef[CA];
        final double cS = coef[CS];
        DoubleVector sh = DoubleVector.zero(S);
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        for (int j = j0; j < upper; j += L) {
            DoubleVector dx = DoubleVector.fromArray(S, xs, j).neg().add(px);
            DoubleVector dy = DoubleVector.fromArray(S, ys, j).neg().add(py);
            DoubleVector lf = dx.mul(dx).add(dy.mul(dy)).neg().mul(c);
            DoubleVector f;
            if (ex == null) {
                f = lf.lanewise(VectorOperators.EXP);
            } else if (!gathered) {
                f = DoubleVector.fromArray(S, ex, ox + j).mul(DoubleVector.fromArray(S, ey, oy + j));
            } else {
                f = DoubleVector.fromArray(S, dv, j).mul(DoubleVector.fromArray(S, ey, oy + j));
            }
            DoubleVector v = f.mul(a);
            // the series of SessionKernel.gHazard and gRatio, same operation order
            DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
            DoubleVector r = v.mul(v.mul(v.mul(v.mul(v.add(1)).add(1)).add(1)).add(1));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            boolean anyBig = big.anyTrue();
            DoubleVector om = v; // 1 - v once a lane needs it (never null: C2 keeps no null vector in registers)
            VectorMask<Double> far = big;
            boolean anyFar = false;
            if (anyBig) {
                // every lane (the small lanes' series agree to an ulp): -log(1 - v) = 2 atanh(s), s = v/(2 - v)
                // (as 1/(1 - v) = (1 + s)/(1 - s)), by the atanh series without range reduction and with no
                // cancellation in 1 - v; lanes from ATANH_V on (rare: g0 f(d) > 0.29) by the log below
                om = v.neg().add(1);
                DoubleVector sv = v.div(om.add(1));
                DoubleVector z = sv.mul(sv);
                DoubleVector p = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    p = p.mul(z).add(ATANH[n]);
                }
                h = sv.mul(p).mul(2);
                r = v.div(om);
                far = v.compare(VectorOperators.GE, ATANH_V);
                anyFar = far.anyTrue();
            }
            // SessionKernel.logHazard below the series range; log h above, below
            DoubleVector lh = lf.add(logA).add(v.mul(v.mul(v.mul(0.125).add(5.0 / 24)).add(0.5)));
            // The general logs, written out here rather than called or looped over (see oddsLanes): the far
            // lanes' h = -log(1 - v), then log h. x > 0 and normal (1 - v >= 2^-53, h >= 1e-4, or the
            // blended 1), or 0 where v = 1 (h = +infinity, as -Math.log(0)).
            if (anyFar) {
                DoubleVector x = om;
                LongVector bits = x.reinterpretAsLongs();
                DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                        .sub(EXPONENT_OFFSET);
                ed = ed.blend(ed.add(1), high);
                DoubleVector sm = m.sub(1).div(m.add(1));
                DoubleVector zm = sm.mul(sm);
                DoubleVector pm = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    pm = pm.mul(zm).add(ATANH[n]);
                }
                DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                        .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0));
                h = h.blend(y.neg(), far);
            }
            if (anyBig) {
                DoubleVector x = DoubleVector.broadcast(S, 1.0).blend(h, big);
                LongVector bits = x.reinterpretAsLongs();
                DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles()
                        .sub(EXPONENT_OFFSET);
                ed = ed.blend(ed.add(1), high);
                DoubleVector sm = m.sub(1).div(m.add(1));
                DoubleVector zm = sm.mul(sm);
                DoubleVector pm = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
                for (int n = ATANH.length - 2; n >= 0; n--) {
                    pm = pm.mul(zm).add(ATANH[n]);
                }
                DoubleVector y = ed.mul(LN2_HI).add(sm.mul(pm).mul(2).add(ed.mul(LN2_LO)))
                        .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0));
                lh = lh.blend(y, big);
            }
            DoubleVector dls = lf.mul(-2);
            DoubleVector g = v.mul(0.5).add(1); // SessionKernel.hazardRatio, blended per lane
            // blended without a branch: behind one, r was boxed on every lane group (0.43 MB per evaluation
            // of a small survey), as C2 kept it for the branch's uncommon trap
            VectorMask<Double> ratio = v.compare(VectorOperators.GE, SessionKernel.SMALL);
            g = g.blend(r.div(h), ratio);
            lh.intoArray(dv, j);
            g.mul(cA).intoArray(dg0, j);
            g.mul(dls).mul(cS).intoArray(dg1, j);
            sh = sh.add(h);
            s0 = s0.add(r);
            s1 = s1.add(r.mul(dls));
        }
        // reduceLanes(ADD) is not intrinsified for 512-bit doubles on JDK 17: it ran as Java code, a
        // third of refL's local evaluation time (JFR). The lanes are spilled and added in lane order,
        // as that Java code does, so the sums are the same to the bit.
        sh.intoArray(sums, 3);
        s0.intoArray(sums, 3 + L);
        s1.intoArray(sums, 3 + 2 * L);
    }

    /**
     * {@link ProximityPass#exps} over whole lane groups (up to {@link ProximityPass#MAX_LANES} past
     * {@code n}, which the caller leaves room for): \( x = \min(\max(d, -700), 0) = n\ln 2 + r \),
     * \( n = \mathrm{rint}(x/\ln 2) \), \( |r| \le \ln 2/2 \) (ln 2 split in two, so
     * \( n \ln 2_{hi} \) is exact), \( e^x = 2^n \sum_{k \le 13} r^k/k! \) with \( 2^n \) built from its bits
     * (\( n \ge -1010 \): normal). Every element goes through the lanes, so its result does not depend on
     * its position. No helper is called with vector arguments (see {@link #oddsLanes}).
     */
    @Override
    void exps(double[] d, int n) {
        final int L = S.length();
        for (int k = 0; k < n; k += L) {
            DoubleVector x = DoubleVector.fromArray(S, d, k).max(EXP_FLOOR).min(0.0);
            DoubleVector t = x.mul(LOG2E).add(ROUND);
            DoubleVector nd = t.sub(ROUND);
            DoubleVector r = x.sub(nd.mul(LN2_HI)).sub(nd.mul(LN2_LO));
            DoubleVector p = DoubleVector.broadcast(S, EXP[EXP.length - 1]);
            for (int q = EXP.length - 2; q >= 0; q--) {
                p = p.mul(r).add(EXP[q]);
            }
            DoubleVector scale = t.reinterpretAsLongs().sub(ROUND_BITS).add(1023).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            p.mul(scale).intoArray(d, k);
        }
    }

    /** \( \sum_{l<L} a_{o+l} \), added in order. */
    private static double laneSum(double[] a, int o, int lanes) {
        double s = 0;
        for (int l = 0; l < lanes; l++) {
            s += a[o + l];
        }
        return s;
    }
}
