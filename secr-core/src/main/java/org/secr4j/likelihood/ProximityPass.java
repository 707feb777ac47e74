package org.secr4j.likelihood;

/**
 * The detector pass of the common camera-trap model (proximity detectors, one parameter combination,
 * g-type half-normal): at one mask point, for detectors (positions) {@code j0 ≤ j < j1},
 * \[ \log f_j = -d_j^2/2\sigma^2,\quad v_j = g_0 f_j,\quad h_j = -\log(1 - v_j),\quad
 *    r_j = v_j/(1 - v_j), \]
 * the per-detector atom \( \log v_j + h_j \) (the log-odds of detection at \( x_m \), Borchers &amp;
 * Efford 2008, eq. 4 with \( p = v \)) and its derivatives w.r.t. the link-scale intercept and
 * \( \log\sigma \), \( (1 + r_j) c_a \) and \( (1 + r_j)(-2\log f_j) c_\sigma \), and the sums
 * \( \sum h_j \), \( \sum r_j \), \( \sum r_j (-2\log f_j) \) from which the probability of not being
 * detected, \( e^{-S\sum_j h_j} \), and its gradient follow. Where the detectors' usage is not 1 on every
 * occasion (cameras that failed), the sums are weighted, \( \sum_j w_j h_j \) and so on, with \( w_j \)
 * proportional to detector j's usage summed over the occasions ({@link SessionKernel#hazardWeight}; Efford,
 * Borchers &amp; Mowat 2013); the atoms stay those of one occasion at unit usage.
 *
 * <p>In {@link #HAZARD_ATOMS} mode (multi-catch traps and Poisson counts: the detection terms are
 * \( \log h_j \), Borchers &amp; Efford 2008, eq. 5) the per-detector atom is \( \log h_j \) with
 * derivatives \( (r_j/h_j) c_a \) and \( (r_j/h_j)(-2\log f_j) c_\sigma \) instead; the sums are the same.
 *
 * <p>In {@link #HAZARD_FORM} (the hazard half-normal, HHN: \( h_j = \lambda_0 f_j \), Efford 2011's
 * hazard form) the pair's hazard is \( v_j \) itself and \( r_j = \partial h_j/\partial\log\lambda_0 = h_j \).
 * The multi-catch atom is then \( \log h_j = \log\lambda_0 + \log f_j \) with derivative factor 1 (no
 * transcendental function at all), and the proximity atom, the log-odds of \( p_j = 1 - e^{-h_j} \), is
 * \( \log(e^{h_j} - 1) = \log(1 - e^{-h_j}) + h_j \) with factor \( h_j/(1 - e^{-h_j}) \). Only
 * {@link #scalar()} computes this form; {@link SessionKernel} takes it for hazard detection functions.
 *
 * <p>Below {@link SessionKernel#SERIES_V} the hazard and ratio use their series (error below
 * 2<sup>−53</sup> relative); above, a log. Two implementations: {@link #scalar()} (any JDK) and a
 * Vector API kernel ({@code jdk.incubator.vector}), used when the runtime has that module (the
 * CLI starts the JVM with {@code --add-modules jdk.incubator.vector}) and a vector of at least four
 * doubles; its classes are loaded the first time a likelihood asks for it (not by the scalar kernel).
 * They differ only in rounding: the vector kernel sums in lanes and takes the hazard above the series
 * range as \( 2\,\mathrm{atanh}(v/(2 - v)) \) by its series; {@code VectorKernelTest} bounds the difference.
 *
 * <p>Each kernel also exponentiates the per-animal pass's batch of log-sum-exp terms ({@link #exps}).
 *
 * <p>Stateless; thread-safe.
 */
abstract class ProximityPass {
    private static final ProximityPass SCALAR = new ProximityPass() {
        @Override
        void run(double px, double py, double[] xs, double[] ys, int j0, int j1, int[] det, double[] ex, int ox,
                double[] ey, int oy, double[] w, double[] coef, double[] dv, double[] dg0, double[] dg1, double[] sums) {
            scalarRange(px, py, xs, ys, j0, j1, det, ex, ox, ey, oy, w, coef, dv, dg0, dg1, sums);
        }

        @Override
        String name() {
            return "scalar";
        }
    };
    /** Holds the Vector API kernel, loaded on first use only (its classes cost a fresh JVM milliseconds). */
    private static final class Vector {
        static final ProximityPass PASS = loadVector();
    }

    /** Indices into {@code coef}: 1/(2σ²), g0, log g0, ∂η_a, ∂η_σ link factors. */
    static final int C = 0;
    static final int A = 1;
    static final int LOG_A = 2;
    static final int CA = 3;
    static final int CS = 4;
    /** Index into {@code coef} of the mode: {@link #ODDS_ATOMS} (proximity) or {@link #HAZARD_ATOMS}. */
    static final int MODE = 5;
    /** Index into {@code coef} of the detection function's form: {@link #G_FORM} or {@link #HAZARD_FORM}. */
    static final int FORM = 6;
    /** Number of coefficients. */
    static final int COEFFICIENTS = 7;
    /**
     * Length of the {@code sums} array a pass is given: the three sums, then room for a kernel to
     * spill per-lane partial sums (three vectors of up to {@link #MAX_LANES} doubles).
     */
    static final int SUMS_LENGTH = 3 + 3 * 8;
    /** The most lanes a kernel may spill into {@code sums} (8 doubles: 512-bit vectors). */
    static final int MAX_LANES = 8;
    /** Mode: per-detector atoms \( \log v_j + h_j \) (proximity detectors). */
    static final double ODDS_ATOMS = 0;
    /** Mode: per-detector atoms \( \log h_j \) (multi-catch traps, Poisson counts). */
    static final double HAZARD_ATOMS = 1;
    /** Form: g-type, \( v_j = g_0 f_j \) a probability and \( h_j = -\log(1 - v_j) \) (HN). */
    static final double G_FORM = 0;
    /** Form: hazard type, \( h_j = v_j = \lambda_0 f_j \) (HHN); the scalar kernel only. */
    static final double HAZARD_FORM = 1;

    /**
     * Fills {@code dv, dg0, dg1} at positions {@code [j0, j1)} and {@code sums[0..2]} = (Σh, Σr, Σr·dls),
     * each term weighted by its detector's weight \( w_k \) when {@code w} is given (proportional to the
     * detector's usage summed over the occasions, {@link SessionKernel#hazardWeight}: cameras that did not run
     * on every occasion); {@code sums} has {@link #SUMS_LENGTH} elements, the rest scratch. The atoms and their
     * gradient factors are those of one unit of usage either way.
     *
     * @param xs detector x by position; {@code ys} y
     * @param det detector index by position, or null when the position is the detector index
     * @param ex separable factors \( e^{-\Delta x^2 c} \) by (column offset {@code ox} + detector),
     *     {@code ey} the y factors by ({@code oy} + position); null to compute \( f = e^{\log f} \)
     * @param w the sums' weights by detector, or null for weight 1 at every detector (the Vector API kernel
     *     takes the scalar formulas when they are given)
     */
    abstract void run(double px, double py, double[] xs, double[] ys, int j0, int j1, int[] det, double[] ex, int ox,
            double[] ey, int oy, double[] w, double[] coef, double[] dv, double[] dg0, double[] dg1, double[] sums);

    /**
     * The same atoms and sums for one detector at consecutive mask points of one row, the pass of
     * {@link SessionKernel}'s row segments: for positions {@code p0 ≤ p < p1}, the point at x
     * {@code px[p]} and y {@code py}, the detector at ({@code xq}, {@code yq}), fills {@code dv} at
     * {@code od + p} and adds to the per-point sums {@code sh[p]}, {@code s0[p]}, {@code s1[p]}
     * (Σh, Σr, Σr·dls). With {@code gradient} it also writes the pair's gradient factor before the link
     * and distance factors, {@code dg[od + p]} = \( 1 + r \) ({@link #HAZARD_ATOMS}: \( r/h \)): {@link #run}'s
     * {@code dg0} is {@code dg * ca} and its {@code dg1} is {@code (dg * dls) * cσ} with dls = \( -2\log f \),
     * which the per-animal pass forms at its animals' detectors only, from the coordinates (rounded as its
     * own arithmetic rounds, not to {@link #run}'s bit), so that the pass stores two arrays per pair, not
     * three. Each pair's values are those of {@link #run}, to the bit.
     * A kernel may read {@code px}, {@code exT} and the sums, and write {@code dv, dg} and the sums, up to
     * {@link #MAX_LANES} positions past {@code p1} (leaving those sums unchanged). Without {@code gradient} a
     * kernel may leave {@code dg, s0, s1} as they are (the vector kernel does, for proximity detectors); the
     * atoms and Σh are the same either way. The sums are unweighted (one unit of usage): a caller with weights
     * passes sums of its own and weighs them.
     *
     * @param exT separable x factors by (detector, column), {@code exT[oe + p]} that of position p (readable
     *     {@link #MAX_LANES} past {@code p1}), and {@code eyq} the detector's y factor
     * @param atoms false where no caller will read this detector's atoms and factors (no animal of the segment
     *     was detected there): a kernel that {@link #skipsAtoms} then adds to the sums alone, leaving
     *     {@code dv} and {@code dg} as they are; the sums are the same to the bit either way
     */
    void column(double xq, double yq, double[] px, double py, int p0, int p1, double[] exT, int oe, double eyq,
            double[] coef, boolean gradient, boolean atoms, double[] dv, double[] dg, int od, double[] sh, double[] s0,
            double[] s1) {
        final double c = coef[C];
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final boolean hazardAtoms = coef[MODE] == HAZARD_ATOMS;
        final boolean hazardForm = coef[FORM] == HAZARD_FORM;
        final double dy = py - yq;
        // The pairs whose formulas call out (the log above the long series, the hazard form's expm1 and log) wait
        // for a second loop over [first, end); each pair's values are computed as before, to the bit. With such a
        // call in this loop, C2 kept the loop's values on the stack in the JVMs where it compiled the loop inside
        // SessionKernel.segmentColumns: refL's scalar dense evaluation took 38-48 ms in those JVMs and 28 in the
        // others, the CI gate's likelihood 13.6 ms or 7.7 (benchmarks/RESULTS.md). The second loop's bound is
        // exclusive: an inclusive one gave C2 a loop-limit check that trapped in fresh JVMs.
        final double callsFrom = !hazardForm ? SessionKernel.LONG_SERIES_V
                : hazardAtoms ? Double.POSITIVE_INFINITY : SessionKernel.SERIES_V;
        int first = p1;
        int end = p0;
        for (int p = p0; p < p1; p++) {
            double v = a * (exT[oe + p] * eyq);
            if (!(v < callsFrom)) {
                first = Math.min(first, p);
                end = p + 1;
                continue;
            }
            double lf = logF(px[p] - xq, dy, c);
            double h = hazardForm ? v : SessionKernel.gHazardSeries(v);
            double r = ratio(v, hazardForm);
            dv[od + p] = seriesAtom(v, lf, h, hazardForm, hazardAtoms, logA);
            dg[od + p] = factor(v, h, r, 0, hazardForm, hazardAtoms);
            sh[p] += h;
            s0[p] += r;
            s1[p] += r * (-2 * lf);
        }
        // in one row v falls away from the detector's column, so the waiting pairs lie together
        for (int p = first; p < end; p++) {
            double v = a * (exT[oe + p] * eyq);
            if (!(v < callsFrom)) {
                double lf = logF(px[p] - xq, dy, c);
                double h = hazard(v, hazardForm);
                double r = ratio(v, hazardForm);
                double pd = hazardForm ? hazardFormProbability(v, hazardAtoms) : 0;
                dv[od + p] = atom(v, lf, h, pd, hazardForm, hazardAtoms, logA);
                dg[od + p] = factor(v, h, r, pd, hazardForm, hazardAtoms);
                sh[p] += h;
                s0[p] += r;
                s1[p] += r * (-2 * lf);
            }
        }
    }

    /**
     * {@link #atom} where it calls nothing: g-type v below {@link SessionKernel#LONG_SERIES_V}, hazard-form v
     * below {@link SessionKernel#SERIES_V} (its p· is then 0), or hazard atoms in the hazard form; the same numbers.
     */
    private static double seriesAtom(double v, double lf, double h, boolean hazardForm, boolean hazardAtoms,
            double logA) {
        if (hazardForm) {
            return hazardAtoms ? logA + lf : hazardFormAtomSeries(h, logA + lf);
        }
        return hazardAtoms ? SessionKernel.logHazardSeries(v, logA + lf) : logA + lf + h;
    }

    /**
     * The detection probability \( p = 1 - e^{-h} \) ({@code -expm1(-h)}, exact where h is small) that
     * {@link #hazardFormAtom} and {@link #hazardFormFactor} take above {@link SessionKernel#SERIES_V} with
     * proximity atoms; 0 (not used) otherwise. One per pair, shared by the two.
     */
    static double hazardFormProbability(double h, boolean hazardAtoms) {
        return hazardAtoms || h < SessionKernel.SERIES_V ? 0 : -Math.expm1(-h);
    }

    /**
     * One pair's atom in {@link #HAZARD_FORM}, from its hazard \( h \), \( \log h \) and
     * {@link #hazardFormProbability} p: \( \log h \) ({@link #HAZARD_ATOMS}), or the log-odds
     * \( \log(e^h - 1) = \log p + h \), below {@link SessionKernel#SERIES_V} by its series
     * \( \log h + h/2 + h^2/24 \) (the next term is \( -h^4/2880 \)).
     */
    static double hazardFormAtom(double h, double logH, double p, boolean hazardAtoms) {
        if (hazardAtoms) {
            return logH;
        }
        return h < SessionKernel.SERIES_V ? hazardFormAtomSeries(h, logH) : Math.log(p) + h;
    }

    /** {@link #hazardFormAtom}'s log-odds below {@link SessionKernel#SERIES_V}: \( \log h + h/2 + h^2/24 \). */
    private static double hazardFormAtomSeries(double h, double logH) {
        return logH + h * (0.5 + h * (1.0 / 24));
    }

    /**
     * The derivative of {@link #hazardFormAtom} w.r.t. \( \log h \): 1 ({@link #HAZARD_ATOMS}), or
     * \( h/p \), below {@link SessionKernel#SERIES_V} by its series \( 1 + h/2 + h^2/12 \) (the next term
     * is \( -h^4/720 \)).
     */
    static double hazardFormFactor(double h, double p, boolean hazardAtoms) {
        if (hazardAtoms) {
            return 1;
        }
        return h < SessionKernel.SERIES_V ? 1 + h * (0.5 + h * (1.0 / 12)) : h / p;
    }

    /** "vector" or "scalar". */
    abstract String name();

    /**
     * The least exponent {@link #exps} takes: \( e^{-700} \) is a normal double (subnormal arithmetic is
     * slow), and a term that small is negligible beside a log-sum-exp's largest term, 1.
     */
    static final double EXP_FLOOR = -700;

    /**
     * Replaces {@code d[0, n)} (each at most 0, or NaN) by \( e^{\max(d, -700)} \) ({@link #EXP_FLOOR}).
     * {@code d} has {@link #MAX_LANES} elements beyond {@code n} that a kernel may overwrite.
     * The scalar kernel takes {@code Math.exp}; the vector kernel its own exp, within 2 ulps of it.
     */
    void exps(double[] d, int n) {
        for (int k = 0; k < n; k++) {
            d[k] = Math.exp(Math.max(d[k], EXP_FLOOR));
        }
    }

    static ProximityPass scalar() {
        return SCALAR;
    }

    /** The Vector API kernel if this runtime has it, else the scalar one. */
    static ProximityPass best() {
        return Vector.PASS != null ? Vector.PASS : SCALAR;
    }

    static boolean vectorAvailable() {
        return Vector.PASS != null;
    }

    private static ProximityPass loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            ProximityPass p = (ProximityPass) Class.forName("org.secr4j.likelihood.VectorProximityPass")
                    .getDeclaredConstructor().newInstance();
            return p.usable() ? p : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * Whether {@link #column} leaves the atoms unwritten when told that none will be read. The scalar kernel
     * does not: its one loop serves both cases, which keeps a fresh JVM's profile of it whole (a second scalar
     * loop without atoms made small fits slower in fresh JVMs, {@code benchmarks/RESULTS.md}); the vector
     * kernel, chosen for large surveys, does.
     */
    boolean skipsAtoms() {
        return false;
    }

    /** Whether this kernel runs at hardware speed here (the vector one needs four lanes). */
    boolean usable() {
        return true;
    }

    /**
     * \( \log f = -(\Delta x^2 + \Delta y^2)\,c \) with \( c = 1/2\sigma^2 \): one pair's log half-normal, as
     * {@link #run} and {@link #column} compute it (the segment path's per-animal pass forms
     * \( dls = -2\log f = 2 c d^2 \) itself, with its constant factors taken together).
     */
    static double logF(double dx, double dy, double c) {
        return -(dx * dx + dy * dy) * c;
    }

    /** One pair's hazard from \( v \): \( -\log(1 - v) \) (g-type), or \( v \) itself ({@link #HAZARD_FORM}). */
    private static double hazard(double v, boolean hazardForm) {
        return hazardForm ? v : SessionKernel.gHazard(v);
    }

    /** \( r = \partial h/\partial\log v \): \( v/(1 - v) \) (g-type), or \( v \) ({@link #HAZARD_FORM}). */
    private static double ratio(double v, boolean hazardForm) {
        return hazardForm ? v : SessionKernel.gRatio(v);
    }

    /**
     * One pair's atom, from \( v \), \( \log f \), \( h \) and (hazard form) {@link #hazardFormProbability}
     * {@code pd}: the scalar formula of {@link #run} and {@link #column}.
     */
    private static double atom(double v, double lf, double h, double pd, boolean hazardForm, boolean hazardAtoms,
            double logA) {
        if (hazardForm) {
            return hazardFormAtom(h, logA + lf, pd, hazardAtoms);
        }
        return hazardAtoms ? SessionKernel.logHazard(v, logA + lf, h) : logA + lf + h;
    }

    /**
     * The derivative of one pair's atom w.r.t. \( \log v \): \( 1 + r \), or \( r/h \) for {@link #HAZARD_ATOMS};
     * in the hazard form {@link #hazardFormFactor}.
     */
    private static double factor(double v, double h, double r, double pd, boolean hazardForm, boolean hazardAtoms) {
        if (hazardForm) {
            return hazardFormFactor(h, pd, hazardAtoms);
        }
        return hazardAtoms ? SessionKernel.hazardRatio(v, r, h) : 1 + r;
    }

    /**
     * {@link #scalarRange}'s first sum alone, \( \sum_j w_j h_j \) over positions {@code [0, n)} (detector index =
     * position), each term and the sum computed as there (the same number to the bit), without the atoms, the odds
     * ratios and the gradient factors: the reach probe's need ({@code SessionKernel.prepareReach}), which reads the
     * atoms at an animal's own detectors only ({@link #atomAt}).
     */
    static double hazardSum(double px, double py, double[] xs, double[] ys, int n, double[] ex, int ox, double[] ey,
            int oy, double[] w, double[] coef) {
        final double c = coef[C];
        final double a = coef[A];
        final boolean hazardForm = coef[FORM] == HAZARD_FORM;
        double sh = 0;
        for (int j = 0; j < n; j++) {
            double f = ex == null ? Math.exp(logF(px - xs[j], py - ys[j], c)) : ex[ox + j] * ey[oy + j];
            double h = hazard(a * f, hazardForm);
            sh += w == null ? h : w[j] * h;
        }
        return sh;
    }

    /**
     * {@link #scalarRange}'s atom of one pair: the point ({@code px}, {@code py}), the detector at ({@code x},
     * {@code y}) with separable factors {@code exj}, {@code eyj} (ignored when {@code separable} is false); the same
     * number to the bit.
     */
    static double atomAt(double px, double py, double x, double y, boolean separable, double exj, double eyj,
            double[] coef) {
        final double c = coef[C];
        final double a = coef[A];
        final boolean hazardAtoms = coef[MODE] == HAZARD_ATOMS;
        final boolean hazardForm = coef[FORM] == HAZARD_FORM;
        double lf = logF(px - x, py - y, c);
        double f = separable ? exj * eyj : Math.exp(lf);
        double v = a * f;
        double h = hazard(v, hazardForm);
        double pd = hazardForm ? hazardFormProbability(v, hazardAtoms) : 0;
        return atom(v, lf, h, pd, hazardForm, hazardAtoms, coef[LOG_A]);
    }

    /** The scalar formulas over {@code [j0, j1)}, in order (also the vector kernel's tail). */
    static void scalarRange(double px, double py, double[] xs, double[] ys, int j0, int j1, int[] det, double[] ex,
            int ox, double[] ey, int oy, double[] w, double[] coef, double[] dv, double[] dg0, double[] dg1,
            double[] sums) {
        final double c = coef[C];
        final double a = coef[A];
        final double logA = coef[LOG_A];
        final double cA = coef[CA];
        final double cS = coef[CS];
        final boolean hazardAtoms = coef[MODE] == HAZARD_ATOMS;
        final boolean hazardForm = coef[FORM] == HAZARD_FORM;
        double sh = 0;
        double s0 = 0;
        double s1 = 0;
        for (int j = j0; j < j1; j++) {
            double dx = px - xs[j];
            double dy = py - ys[j];
            double lf = logF(dx, dy, c);
            int k = det == null ? j : det[j];
            double f = ex == null ? Math.exp(lf) : ex[ox + k] * ey[oy + j];
            double v = a * f;
            double h = hazard(v, hazardForm);
            double r = ratio(v, hazardForm);
            double pd = hazardForm ? hazardFormProbability(v, hazardAtoms) : 0;
            double dls = -2 * lf;
            dv[j] = atom(v, lf, h, pd, hazardForm, hazardAtoms, logA);
            double g = factor(v, h, r, pd, hazardForm, hazardAtoms);
            dg0[j] = g * cA;
            dg1[j] = g * dls * cS;
            if (w == null) {
                sh += h;
                s0 += r;
                s1 += r * dls;
            } else {
                double wk = w[k];
                double wr = wk * r;
                sh += wk * h;
                s0 += wr;
                s1 += wr * dls;
            }
        }
        sums[0] = sh;
        sums[1] = s0;
        sums[2] = s1;
    }
}
