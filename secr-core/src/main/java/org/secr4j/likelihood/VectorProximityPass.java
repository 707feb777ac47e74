package org.secr4j.likelihood;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ProximityPass} on the Vector API: the same formulas over lanes of the preferred species
 * (8 doubles with AVX-512), the series and the log blended per lane (the log only computed when a
 * lane needs it), sums kept per lane and reduced once; the last {@code (j1 - j0) mod L} positions
 * go through the scalar formulas. Loaded reflectively, and only when the boot layer has
 * {@code jdk.incubator.vector}, so the library needs no flags on a plain JDK 17.
 */
final class VectorProximityPass extends ProximityPass {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private static final double SQRT2 = Math.sqrt(2);
    /** \( 2^{54} \): brings a subnormal double into the normal range exactly. */
    private static final double TWO_54 = 0x1p54;
    /** ln 2 split so that {@code e * LN2_HI} is exact for |e| &lt; 2^11 (fdlibm's constants). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1/(2n + 1), n = 0..11: the series of atanh, truncated where z^12/25 &lt; 2^-53 for z ≤ 0.0295. */
    private static final double[] ATANH = new double[12];

    static {
        for (int n = 0; n < ATANH.length; n++) {
            ATANH[n] = 1.0 / (2 * n + 1);
        }
    }

    /**
     * Natural log of positive lanes, in vector arithmetic: \( x = 2^e m \) with
     * \( m \in [\sqrt{1/2}, \sqrt 2) \), \( \log m = 2\,\mathrm{atanh}\,s = 2s\sum_n s^{2n}/(2n+1) \),
     * \( s = (m-1)/(m+1) \), \( |s| \le 0.1716 \); within a few ulps of {@code Math.log}. Lanes below the
     * smallest normal double are scaled by \( 2^{54} \) first (their exponent corrected); 0 gives
     * \( -\infty \) and a negative or NaN lane NaN, as {@code Math.log}. No call leaves vector
     * arithmetic, so C2 keeps every value in registers (a call to the platform's
     * {@code VectorOperators.LOG} on a rarely taken branch made it allocate the vectors on the heap on
     * every call once that branch had been seen).
     */
    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> tiny = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(TWO_54), tiny);
        LongVector bits = xs.reinterpretAsLongs();
        LongVector e = bits.lanewise(VectorOperators.LSHR, 52).sub(1023);
        DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
        VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), high);
        DoubleVector ed = (DoubleVector) e.convert(VectorOperators.L2D, 0);
        ed = ed.blend(ed.add(1), high);
        ed = ed.blend(ed.sub(54), tiny);
        DoubleVector sv = m.sub(1).div(m.add(1));
        DoubleVector z = sv.mul(sv);
        DoubleVector p = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
        for (int n = ATANH.length - 2; n >= 0; n--) {
            p = p.mul(z).add(ATANH[n]);
        }
        DoubleVector result = ed.mul(LN2_HI).add(sv.mul(p).mul(2).add(ed.mul(LN2_LO)));
        VectorMask<Double> invalid = x.compare(VectorOperators.LT, 0).or(x.compare(VectorOperators.NE, x));
        return result.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0)).blend(Double.NaN, invalid);
    }

    /** Below this v, \( s = v/(2 - v) \le 3 - 2\sqrt 2 = 0.1716 \), where the {@link #ATANH} series holds. */
    static final double ATANH_V = 1 - Math.sqrt(0.5);

    /**
     * \( -\log(1 - v) \) for lanes \( 0 \le v &lt; 1 \) ({@code om} = 1 − v): below {@link #ATANH_V}
     * \( 2\,\mathrm{atanh}\,s \) with \( s = v/(2 - v) \) (as \( 1/(1 - v) = (1 + s)/(1 - s) \)), by the series
     * of {@link #log} without its range reduction, and with no cancellation in 1 − v; lanes above
     * through {@link #log}. In local evaluation most lane groups have a v above the hazard's series
     * range, and this halves their cost.
     */
    static DoubleVector hazard1mv(DoubleVector v, DoubleVector om) {
        DoubleVector sv = v.div(om.add(1));
        DoubleVector z = sv.mul(sv);
        DoubleVector p = DoubleVector.broadcast(S, ATANH[ATANH.length - 1]);
        for (int n = ATANH.length - 2; n >= 0; n--) {
            p = p.mul(z).add(ATANH[n]);
        }
        DoubleVector h = sv.mul(p).mul(2);
        VectorMask<Double> far = v.compare(VectorOperators.GE, ATANH_V);
        return far.anyTrue() ? h.blend(log(om).neg(), far) : h;
    }

    @Override
    boolean usable() {
        return S.length() >= 4 && S.length() <= MAX_LANES;
    }

    @Override
    String name() {
        return "vector";
    }

    @Override
    void run(double px, double py, double[] xs, double[] ys, int j0, int j1, int[] det, double[] ex, int ox,
            double[] ey, int oy, double[] coef, double[] dv, double[] dg0, double[] dg1, double[] sums) {
        final int L = S.length();
        final int upper = j0 + (j1 - j0) / L * L;
        final double c = coef[C];
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final double cA = coef[CA];
        final double cS = coef[CS];
        final boolean hazardAtoms = coef[MODE] == HAZARD_ATOMS;
        if (ex != null && det != null) {
            // Local evaluation's detectors come by index (their y factors by position). On JDK 17 the
            // Vector API's indexed load (fromArray with an index map) runs as Java code that allocates each
            // vector (16 MB per refL evaluation), so the x factors are gathered here in a scalar loop, into
            // dv: each lane group below reads them from dv before it writes its atoms there.
            for (int j = j0; j < upper; j++) {
                dv[j] = ex[ox + det[j]];
            }
        }
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
            } else if (det == null) {
                f = DoubleVector.fromArray(S, ex, ox + j).mul(DoubleVector.fromArray(S, ey, oy + j));
            } else {
                f = DoubleVector.fromArray(S, dv, j).mul(DoubleVector.fromArray(S, ey, oy + j));
            }
            DoubleVector v = f.mul(a);
            // the series of SessionKernel.gHazard and gRatio, same operation order
            DoubleVector h = v.mul(v.mul(v.mul(v.mul(0.25).add(1.0 / 3)).add(0.5)).add(1));
            DoubleVector r = v.mul(v.mul(v.mul(v.mul(v.add(1)).add(1)).add(1)).add(1));
            VectorMask<Double> big = v.compare(VectorOperators.GE, SessionKernel.SERIES_V);
            if (big.anyTrue()) { // every lane exactly, as hazard1mv (the small lanes' series agree to an ulp)
                DoubleVector om = v.neg().add(1);
                h = hazard1mv(v, om);
                r = v.div(om);
            }
            DoubleVector g;
            DoubleVector dls = lf.mul(-2);
            if (hazardAtoms) { // SessionKernel.logHazard and hazardRatio, blended per lane
                DoubleVector lv = lf.add(logA);
                DoubleVector lh = lv.add(v.mul(v.mul(v.mul(0.125).add(5.0 / 24)).add(0.5)));
                g = v.mul(0.5).add(1);
                if (big.anyTrue()) {
                    lh = lh.blend(log(DoubleVector.broadcast(S, 1.0).blend(h, big)), big);
                }
                VectorMask<Double> ratio = v.compare(VectorOperators.GE, SessionKernel.SMALL);
                if (ratio.anyTrue()) {
                    g = g.blend(r.div(h), ratio);
                }
                lh.intoArray(dv, j);
            } else {
                g = r.add(1);
                lf.add(logA).add(h).intoArray(dv, j);
            }
            g.mul(cA).intoArray(dg0, j);
            g.mul(dls).mul(cS).intoArray(dg1, j);
            sh = sh.add(h);
            s0 = s0.add(r);
            s1 = s1.add(r.mul(dls));
        }
        scalarRange(px, py, xs, ys, upper, j1, det, ex, ox, ey, oy, coef, dv, dg0, dg1, sums);
        // reduceLanes(ADD) is not intrinsified for 512-bit doubles on JDK 17: it ran as Java code, a
        // third of refL's local evaluation time (JFR). The lanes are spilled and added in lane order,
        // as that Java code does, so the sums are the same to the bit.
        sh.intoArray(sums, 3);
        s0.intoArray(sums, 3 + L);
        s1.intoArray(sums, 3 + 2 * L);
        sums[0] += laneSum(sums, 3, L);
        sums[1] += laneSum(sums, 3 + L, L);
        sums[2] += laneSum(sums, 3 + 2 * L, L);
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
