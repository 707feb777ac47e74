package org.secr4j.likelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.util.Checks;

/**
 * The per-session core of the SECR likelihood (Borchers &amp; Efford 2008; Efford, Borchers &amp;
 * Mowat 2013 for hazards and usage).
 *
 * <p>For activity centre \( x_m \) and detector \( k \) the unit-usage hazard is
 * \( h_k = -\log(1 - g_0 f(d)) \) (g-type) or \( \lambda_0 f(d) \) (hazard type); on occasion
 * \( s \) it is \( u_{ks} h_k \). The log-probability of animal \( i \)'s history given \( x_m \)
 * is written as a sparse sum of <em>atoms</em> shared by all animals:
 * \[ \ell_{im} = -B_{v(i)}(m) + \sum_a w_{ia} A_a(m) + c_i , \]
 * where \( B_v = c \sum_s u_{ks} h_k \) sums the hazard over the occasions an animal was at risk
 * (so \( p_\cdot(x) = 1 - e^{-B} \)), and the atoms are per-detector or per-occasion-group
 * terms:
 * <ul>
 *   <li>LH: \( \log h_k \) (multi-catch and Poisson counts);</li>
 *   <li>LPH(u): \( \log(1 - e^{-u h_k}) + u h_k \) (proximity and binomial counts);</li>
 *   <li>Q: \( H_s + \log(1 - e^{-H_s}) - \log H_s \) with \( H_s = \sum_k u_{ks} h_k \)
 *       (multi-catch competing hazards).</li>
 * </ul>
 * The detector pass costs one pass over detectors per mask point; each animal then adds only
 * its own atoms. No detector-by-mask table is stored. Per animal, \( \sum_m e^{\ell_{im}} \) is
 * accumulated in log space with a running maximum, so long histories do not underflow.
 *
 * <p>Immutable after construction; {@link #evaluateBlock} is thread-safe given distinct scratch
 * and output slots.
 */
final class SessionKernel {
    static final int KIND_BASE = 0;
    static final int KIND_Q = 1;
    static final int KIND_LH = 2;
    static final int KIND_LPH = 3;
    /** Number of detection-parameter slots (a, sigma, z). */
    static final int P = 3;
    /** Below this argument the log-of-hazard terms use their series expansions. */
    private static final double SMALL = 1e-8;
    private static final double SMALL_Q = 1e-4;

    final Session session;
    final int nDetectors;
    final int nMask;
    final int nAnimals;
    final double[] kx;
    final double[] ky;
    final double[] mx;
    final double[] my;
    final double cellArea;
    final double maskArea;
    final DetectionFunction fn;
    final boolean gType;
    final boolean hasZ;
    // occasion groups (identical usage columns)
    final int nGroups;
    final double[][] groupUsage; // [g][k]
    // base variants (occasions at risk)
    final double[][] baseCoef; // [v][g]
    // atoms
    final int nAtoms;
    final int[] atomKind;
    final int[] atomArg; // detector (LH, LPH), group (Q) or variant (BASE)
    final double[] atomUsage; // LPH: usage multiplier
    /** LPH atoms of g-type functions at unit usage: \( \log g_k + h_k \), the common camera-trap case. */
    final int[] unitProximityAtoms;
    /** All other non-base atoms. */
    final int[] otherAtoms;
    /** One occasion group with usage 1 at every detector. */
    final boolean unitUsage;
    /**
     * Half-normal on a grid: \( e^{-d^2/2\sigma^2} = e^{-\Delta x^2/2\sigma^2} e^{-\Delta y^2/2\sigma^2} \),
     * with the factors tabulated per distinct mask column (row) and detector once per evaluation.
     */
    final boolean separable;
    final double[] columnX;
    final double[] rowY;
    final int[] columnOf;
    final int[] rowOf;
    /** Above this series threshold \( -\log(1-v) \) is computed with {@code Math.log}. */
    static final double SERIES_V = 1e-4;
    /**
     * A term \( e^{\ell - \max} \) below \( e^{-37} < 2^{-53} \) cannot change a running sum that
     * is at least 1, so its exp is not computed.
     */
    static final double NEGLIGIBLE_LOG = -37;
    /** Largest separable table (doubles) per session. */
    private static final long MAX_SEPARABLE = 4_000_000L;
    // animals (CSR)
    final int[] animalStart;
    final int[] termAtom;
    final double[] termWeight;
    /** Sum over animals of the constants c_i (log usage, log binomial coefficients, ...). */
    final double constant;
    /** Sum over distinct histories of log(n_omega!). */
    final double logTies;

    SessionKernel(Session session, HabitatMask mask, DetectionFunction fn, int binomN, boolean fastProximity) {
        this.session = session;
        DetectorArray det = session.detectors();
        this.nDetectors = det.size();
        this.nMask = mask.size();
        this.nAnimals = session.animals();
        this.kx = det.xs();
        this.ky = det.ys();
        this.mx = mask.xs();
        this.my = mask.ys();
        this.cellArea = mask.cellAreaHectares();
        this.maskArea = mask.areaHectares();
        this.fn = fn;
        this.gType = !fn.isHazard();
        this.hasZ = fn.hasShape();
        DetectorType type = det.type();
        int S = session.occasions();

        // occasion groups
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        int[] occasionGroup = new int[S];
        List<double[]> groups = new ArrayList<>();
        for (int s = 0; s < S; s++) {
            double[] col = new double[nDetectors];
            for (int k = 0; k < nDetectors; k++) {
                col[k] = det.usage(k, s);
            }
            String key = Arrays.toString(col);
            Integer g = groupOf.get(key);
            if (g == null) {
                g = groups.size();
                groupOf.put(key, g);
                groups.add(col);
            }
            occasionGroup[s] = g;
        }
        this.nGroups = groups.size();
        this.groupUsage = groups.toArray(new double[0][]);

        boolean count = type == DetectorType.COUNT;
        double c = count && binomN > 1 ? binomN : 1;
        boolean binaryUsage = true;
        boolean integerUsage = true;
        for (int k = 0; k < nDetectors; k++) {
            for (int s = 0; s < S; s++) {
                double u = det.usage(k, s);
                binaryUsage &= u == 0 || u == 1;
                integerUsage &= u == Math.rint(u);
            }
        }
        if (count && binomN == 1) {
            Checks.require(integerUsage, "session '%s': binomN = 1 (binomial size = usage) needs whole-number usage",
                    session.id());
        }

        // base variants: one per distinct removal occasion (-1 = at risk on every occasion)
        Map<Integer, Integer> variantOf = new LinkedHashMap<>();
        variantOf.put(-1, 0);
        for (int i = 0; i < nAnimals; i++) {
            int r = session.removedOn(i);
            if (r >= 0 && r < S - 1) {
                variantOf.putIfAbsent(r, variantOf.size());
            }
        }
        this.baseCoef = new double[variantOf.size()][nGroups];
        for (Map.Entry<Integer, Integer> e : variantOf.entrySet()) {
            int last = e.getKey() < 0 ? S - 1 : e.getKey();
            for (int s = 0; s <= last; s++) {
                baseCoef[e.getValue()][occasionGroup[s]] += c;
            }
        }

        // atoms and animal terms
        AtomTable atoms = new AtomTable();
        for (int v = 0; v < baseCoef.length; v++) {
            atoms.id(KIND_BASE, v, 0);
        }
        List<Detection> dets = session.detections();
        int[] start = new int[nAnimals + 1];
        List<int[]> termsAtom = new ArrayList<>();
        List<double[]> termsWeight = new ArrayList<>();
        double constSum = 0;
        Map<String, Integer> ties = new HashMap<>();
        boolean collapse = fastProximity && ((type == DetectorType.PROXIMITY && binaryUsage)
                || (count && binomN == 0) || (count && binomN == 1));
        int d = 0;
        for (int i = 0; i < nAnimals; i++) {
            int r = session.removedOn(i);
            int lastOcc = r < 0 ? S - 1 : r;
            int variant = variantOf.getOrDefault(r < S - 1 ? r : -1, 0);
            Map<Integer, Double> terms = new LinkedHashMap<>();
            terms.merge(atoms.id(KIND_BASE, variant, 0), -1.0, Double::sum);
            StringBuilder key = new StringBuilder().append(r).append('|');
            Map<Integer, Integer> totals = new LinkedHashMap<>(); // detector -> total count (collapsed forms)
            for (; d < dets.size() && dets.get(d).animal() == i; d++) {
                Detection x = dets.get(d);
                int k = x.detector();
                int s = x.occasion();
                int y = x.count();
                double u = det.usage(k, s);
                totals.merge(k, y, Integer::sum);
                if (!collapse) {
                    key.append(s).append(':').append(k).append(':').append(y).append(',');
                }
                switch (type) {
                    case MULTI:
                    case SINGLE:
                        terms.merge(atoms.id(KIND_Q, occasionGroup[s], 0), 1.0, Double::sum);
                        terms.merge(atoms.id(KIND_LH, k, 0), 1.0, Double::sum);
                        constSum += Math.log(u);
                        break;
                    case PROXIMITY:
                        terms.merge(atoms.id(KIND_LPH, k, u), 1.0, Double::sum);
                        break;
                    case COUNT:
                        if (binomN == 0) {
                            terms.merge(atoms.id(KIND_LH, k, 0), (double) y, Double::sum);
                            if (!collapse) {
                                constSum += y * Math.log(u) - Gamma.logGamma(y + 1.0);
                            }
                        } else if (binomN == 1) {
                            Checks.require(y <= u, "session '%s', animal '%s', occasion %d, detector '%s': count %d exceeds usage %s (binomN = 1)",
                                    session.id(), session.animalId(i), s + 1, det.id(k), y, u);
                            terms.merge(atoms.id(KIND_LPH, k, 1.0), (double) y, Double::sum);
                            if (!collapse) {
                                constSum += logChoose(u, y);
                            }
                        } else {
                            Checks.require(y <= binomN, "session '%s', animal '%s', occasion %d, detector '%s': count %d exceeds binomN %d",
                                    session.id(), session.animalId(i), s + 1, det.id(k), y, binomN);
                            terms.merge(atoms.id(KIND_LPH, k, u), (double) y, Double::sum);
                            constSum += logChoose(binomN, y);
                        }
                        break;
                    default:
                        throw new IllegalStateException("unsupported detector type " + type);
                }
            }
            if (collapse) {
                for (Map.Entry<Integer, Integer> e : totals.entrySet()) {
                    int k = e.getKey();
                    int w = e.getValue();
                    key.append(k).append(':').append(w).append(',');
                    double total = 0;
                    for (int s = 0; s <= lastOcc; s++) {
                        total += det.usage(k, s);
                    }
                    if (count && binomN == 0) {
                        constSum += w * Math.log(total) - Gamma.logGamma(w + 1.0);
                    } else {
                        constSum += logChoose(total, w);
                    }
                }
            }
            ties.merge(key.toString(), 1, Integer::sum);
            int[] ta = new int[terms.size()];
            double[] tw = new double[terms.size()];
            int j = 0;
            for (Map.Entry<Integer, Double> e : terms.entrySet()) {
                ta[j] = e.getKey();
                tw[j++] = e.getValue();
            }
            termsAtom.add(ta);
            termsWeight.add(tw);
            start[i + 1] = start[i] + ta.length;
        }
        double lt = 0;
        for (int t : ties.values()) {
            lt += Gamma.logGamma(t + 1.0);
        }
        this.logTies = lt;
        this.constant = constSum;
        this.animalStart = start;
        this.termAtom = new int[start[nAnimals]];
        this.termWeight = new double[start[nAnimals]];
        for (int i = 0; i < nAnimals; i++) {
            System.arraycopy(termsAtom.get(i), 0, termAtom, start[i], termsAtom.get(i).length);
            System.arraycopy(termsWeight.get(i), 0, termWeight, start[i], termsWeight.get(i).length);
        }
        this.nAtoms = atoms.kind.size();
        this.atomKind = atoms.kind.stream().mapToInt(Integer::intValue).toArray();
        this.atomArg = atoms.arg.stream().mapToInt(Integer::intValue).toArray();
        this.atomUsage = atoms.usage.stream().mapToDouble(Double::doubleValue).toArray();
        List<Integer> fast = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int t = 0; t < nAtoms; t++) {
            if (atomKind[t] == KIND_LPH && gType && atomUsage[t] == 1) {
                fast.add(t);
            } else if (atomKind[t] != KIND_BASE) {
                other.add(t);
            }
        }
        this.unitProximityAtoms = fast.stream().mapToInt(Integer::intValue).toArray();
        this.otherAtoms = other.stream().mapToInt(Integer::intValue).toArray();
        this.unitUsage = nGroups == 1 && allOnes(groupUsage[0]);
        java.util.TreeMap<Double, Integer> cols = new java.util.TreeMap<>();
        java.util.TreeMap<Double, Integer> rows = new java.util.TreeMap<>();
        for (int m = 0; m < nMask; m++) {
            cols.putIfAbsent(mx[m], 0);
            rows.putIfAbsent(my[m], 0);
        }
        long table = (long) (cols.size() + rows.size()) * nDetectors;
        boolean hn = fn == DetectionFunction.HN || fn == DetectionFunction.HHN;
        this.separable = hn && table <= MAX_SEPARABLE && table * 4 <= (long) nMask * nDetectors;
        this.columnX = cols.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        this.rowY = rows.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        this.columnOf = new int[nMask];
        this.rowOf = new int[nMask];
        for (int m = 0; m < nMask; m++) {
            columnOf[m] = java.util.Arrays.binarySearch(columnX, mx[m]);
            rowOf[m] = java.util.Arrays.binarySearch(rowY, my[m]);
        }
    }

    private static boolean allOnes(double[] u) {
        for (double v : u) {
            if (v != 1) {
                return false;
            }
        }
        return true;
    }

    private static double logChoose(double n, int k) {
        return Gamma.logGamma(n + 1) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1);
    }

    private static final class AtomTable {
        final List<Integer> kind = new ArrayList<>();
        final List<Integer> arg = new ArrayList<>();
        final List<Double> usage = new ArrayList<>();
        final Map<String, Integer> ids = new HashMap<>();

        int id(int k, int a, double u) {
            return ids.computeIfAbsent(k + "/" + a + "/" + u, key -> {
                kind.add(k);
                arg.add(a);
                usage.add(u);
                return kind.size() - 1;
            });
        }
    }

    /** Per-evaluation tables shared read-only by all blocks of a session. Not thread-safe while preparing. */
    static final class Prepared {
        final double[] ex;
        final double[] ey;

        Prepared(SessionKernel k) {
            ex = k.separable ? new double[k.columnX.length * k.nDetectors] : null;
            ey = k.separable ? new double[k.rowY.length * k.nDetectors] : null;
        }
    }

    /** Fills the separable half-normal factors for this sigma (no-op otherwise). */
    void prepare(DetectionParameters par, Prepared prep) {
        if (!separable) {
            return;
        }
        double c = 1 / (2 * par.sigma() * par.sigma());
        int K = nDetectors;
        for (int i = 0; i < columnX.length; i++) {
            for (int k = 0; k < K; k++) {
                double dx = columnX[i] - kx[k];
                prep.ex[i * K + k] = Math.exp(-dx * dx * c);
            }
        }
        for (int i = 0; i < rowY.length; i++) {
            for (int k = 0; k < K; k++) {
                double dy = rowY[i] - ky[k];
                prep.ey[i * K + k] = Math.exp(-dy * dy * c);
            }
        }
    }

    /** Per-thread working arrays. Not thread-safe. */
    static final class Scratch {
        final double[] d2;
        final double[] f;
        final double[] logf;
        final double[] dls;
        final double[] dlz;
        final double[] h;
        final double[] r;
        final double[] groupH;
        final double[] groupDH;
        final double[] atomVal;
        final double[] atomGrad;

        Scratch(SessionKernel k) {
            d2 = new double[k.nDetectors];
            f = new double[k.nDetectors];
            logf = new double[k.nDetectors];
            dls = new double[k.nDetectors];
            dlz = new double[k.nDetectors];
            h = new double[k.nDetectors];
            r = new double[k.nDetectors];
            groupH = new double[k.nGroups];
            groupDH = new double[k.nGroups * P];
            atomVal = new double[k.nAtoms];
            atomGrad = new double[k.nAtoms * P];
        }
    }

    /**
     * Evaluates mask points {@code [m0, m1)}.
     *
     * @param out per-animal log-sum-exp state for this block: {@code max[i]}, {@code sum[i]},
     *     {@code grad[i*P+j]}; and {@code pdot[0]} = Σ p·, {@code pdot[1..P]} = Σ ∂p·/∂η_j
     */
    void evaluateBlock(DetectionParameters par, Prepared prep, int m0, int m1, Scratch sc, BlockResult out,
            boolean gradient) {
        out.reset(nAnimals);
        double[] av = sc.atomVal;
        double[] ag = sc.atomGrad;
        double pdotSum = 0;
        double pd0 = 0;
        double pd1 = 0;
        double pd2 = 0;
        for (int m = m0; m < m1; m++) {
            detectorPass(par, prep, m, sc);
            atoms(par, sc);
            // atom 0 is the base of animals at risk on every occasion: p.(x) = 1 - exp(-B)
            double eb = Math.exp(-av[0]);
            pdotSum += 1 - eb;
            pd0 += eb * ag[0];
            pd1 += eb * ag[1];
            pd2 += eb * ag[2];
            if (gradient) {
                animalsWithGradient(av, ag, out);
            } else {
                animals(av, out);
            }
        }
        out.pdot[0] = pdotSum;
        out.pdot[1] = pd0;
        out.pdot[2] = pd1;
        out.pdot[3] = pd2;
    }

    /** Distances, shape, unit hazards and per-group hazard sums (with derivatives) at mask point m. */
    private void detectorPass(DetectionParameters par, Prepared prep, int m, Scratch sc) {
        final int K = nDetectors;
        final double[] d2 = sc.d2;
        final double[] f = sc.f;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        final double[] dls = sc.dls;
        final double[] dlz = sc.dlz;
        final double px = mx[m];
        final double py = my[m];
        for (int k = 0; k < K; k++) {
            double dx = px - kx[k];
            double dy = py - ky[k];
            d2[k] = dx * dx + dy * dy;
        }
        if (separable) {
            final double c = 1 / (2 * par.sigma() * par.sigma());
            final double[] logf = sc.logf;
            final double[] ex = prep.ex;
            final double[] ey = prep.ey;
            final int ox = columnOf[m] * K;
            final int oy = rowOf[m] * K;
            for (int k = 0; k < K; k++) {
                double lf = -d2[k] * c;
                logf[k] = lf;
                dls[k] = -2 * lf;
                f[k] = ex[ox + k] * ey[oy + k];
            }
        } else {
            fn.shapes(d2, K, par.sigma(), par.z(), f, sc.logf, dls, dlz);
        }
        final double a = par.a();
        final double cA = par.cA();
        final double cS = par.cSigma();
        final double cZ = hasZ ? par.cZ() : 0;
        final double[] gH = sc.groupH;
        final double[] gDH = sc.groupDH;
        if (unitUsage) {
            double sh = 0;
            double s0 = 0;
            double s1 = 0;
            if (gType) {
                for (int k = 0; k < K; k++) {
                    double v = a * f[k];
                    double hk;
                    double rk;
                    if (v < SERIES_V) { // -log(1-v) and v/(1-v) by series, error below 2^-53 relative
                        hk = v * (1 + v * (0.5 + v * (1.0 / 3 + v * 0.25)));
                        rk = v * (1 + v * (1 + v * (1 + v * (1 + v))));
                    } else {
                        double om = 1 - v;
                        hk = -Math.log(om);
                        rk = v / om;
                    }
                    h[k] = hk;
                    rr[k] = rk;
                    sh += hk;
                    s0 += rk;
                    s1 += rk * dls[k];
                }
            } else {
                for (int k = 0; k < K; k++) {
                    double v = a * f[k];
                    h[k] = v;
                    rr[k] = v;
                    sh += v;
                    s0 += v;
                    s1 += v * dls[k];
                }
            }
            double s2 = 0;
            if (hasZ) {
                for (int k = 0; k < K; k++) {
                    s2 += rr[k] * dlz[k];
                }
            }
            gH[0] = sh;
            gDH[0] = s0 * cA;
            gDH[1] = s1 * cS;
            gDH[2] = s2 * cZ;
            return;
        }
        if (gType) {
            for (int k = 0; k < K; k++) {
                double v = a * f[k];
                double om = 1 - v;
                h[k] = -Math.log(om);
                rr[k] = v / om;
            }
        } else {
            for (int k = 0; k < K; k++) {
                double v = a * f[k];
                h[k] = v;
                rr[k] = v;
            }
        }
        for (int g = 0; g < nGroups; g++) {
            final double[] u = groupUsage[g];
            double sh = 0;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            for (int k = 0; k < K; k++) {
                double uk = u[k];
                double ur = uk * rr[k];
                sh += uk * h[k];
                s0 += ur;
                s1 += ur * dls[k];
            }
            if (hasZ) {
                for (int k = 0; k < K; k++) {
                    s2 += u[k] * rr[k] * dlz[k];
                }
            }
            gH[g] = sh;
            gDH[g * P] = s0 * cA;
            gDH[g * P + 1] = s1 * cS;
            gDH[g * P + 2] = s2 * cZ;
        }
    }

    /** Values and derivatives of every atom at the current mask point. */
    private void atoms(DetectionParameters par, Scratch sc) {
        final double[] av = sc.atomVal;
        final double[] ag = sc.atomGrad;
        final double[] gH = sc.groupH;
        final double[] gDH = sc.groupDH;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        final double[] f = sc.f;
        final double[] logf = sc.logf;
        final double[] dls = sc.dls;
        final double[] dlz = sc.dlz;
        final double a = par.a();
        final double logA = Math.log(a);
        final double cA = par.cA();
        final double cS = par.cSigma();
        final double cZ = hasZ ? par.cZ() : 0;
        // base atoms (one per removal variant)
        for (int t = 0; t < baseCoef.length; t++) {
            double[] cf = baseCoef[t];
            double v = 0;
            double g0 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int g = 0; g < nGroups; g++) {
                double c = cf[g];
                v += c * gH[g];
                g0 += c * gDH[g * P];
                g1 += c * gDH[g * P + 1];
                g2 += c * gDH[g * P + 2];
            }
            av[t] = v;
            ag[t * P] = g0;
            ag[t * P + 1] = g1;
            ag[t * P + 2] = g2;
        }
        // proximity at unit usage, g-type: log g_k + h_k, d/deta = (1 + R_k) dlog g_k/deta
        final int[] fast = unitProximityAtoms;
        for (int j = 0; j < fast.length; j++) {
            int t = fast[j];
            int k = atomArg[t];
            double fac = 1 + rr[k];
            av[t] = logA + logf[k] + h[k];
            ag[t * P] = fac * cA;
            ag[t * P + 1] = fac * dls[k] * cS;
            ag[t * P + 2] = hasZ ? fac * dlz[k] * cZ : 0;
        }
        final int[] other = otherAtoms;
        for (int j = 0; j < other.length; j++) {
            int t = other[j];
            int arg = atomArg[t];
            double val;
            double fac0;
            if (atomKind[t] == KIND_Q) {
                double H = gH[arg];
                double dq;
                if (H < SMALL_Q) {
                    val = H / 2 + H * H / 24;
                    dq = 0.5 + H / 12;
                } else {
                    double e = Math.exp(-H);
                    val = H + Math.log(1 - e) - Math.log(H);
                    dq = 1 / (1 - e) - 1 / H;
                }
                av[t] = val;
                ag[t * P] = dq * gDH[arg * P];
                ag[t * P + 1] = dq * gDH[arg * P + 1];
                ag[t * P + 2] = dq * gDH[arg * P + 2];
                continue;
            }
            int k = arg;
            if (atomKind[t] == KIND_LH) {
                if (!gType) {
                    val = logA + logf[k];
                    fac0 = 1;
                } else {
                    double g = a * f[k];
                    if (g < SERIES_V) {
                        // log(-log(1-g)) = log g + g/2 + 5g^2/24 + g^3/8 + O(g^4)
                        val = logA + logf[k] + g * (0.5 + g * (5.0 / 24 + g * 0.125));
                    } else {
                        val = Math.log(h[k]);
                    }
                    fac0 = g < SMALL ? 1 + g / 2 : rr[k] / h[k];
                }
            } else { // KIND_LPH at general usage, or hazard type
                double u = atomUsage[t];
                double x = u * h[k];
                if (x < SMALL) {
                    double lh;
                    double ratio;
                    if (!gType) {
                        lh = logA + logf[k];
                        ratio = 1;
                    } else {
                        double g = a * f[k];
                        lh = g < SMALL ? logA + logf[k] + g / 2 : Math.log(h[k]);
                        ratio = g < SMALL ? 1 + g / 2 : rr[k] / h[k];
                    }
                    val = Math.log(u) + lh + x / 2;
                    fac0 = ratio + u * rr[k] / 2;
                } else {
                    double e = Math.exp(-x);
                    val = Math.log(1 - e) + x;
                    fac0 = u * rr[k] / (1 - e);
                }
            }
            av[t] = val;
            ag[t * P] = fac0 * cA;
            ag[t * P + 1] = fac0 * dls[k] * cS;
            ag[t * P + 2] = hasZ ? fac0 * dlz[k] * cZ : 0;
        }
    }

    /** Adds this mask point to every animal's running log-sum-exp (value only). */
    private void animals(double[] av, BlockResult out) {
        final double[] bm = out.max;
        final double[] bs = out.sum;
        final int[] start = animalStart;
        final int[] ta = termAtom;
        final double[] tw = termWeight;
        for (int i = 0; i < nAnimals; i++) {
            double l = 0;
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                l += tw[t] * av[ta[t]];
            }
            double mxi = bm[i];
            if (l > mxi) {
                bs[i] = bs[i] * Math.exp(mxi - l) + 1;
                bm[i] = l;
            } else if (l - mxi > NEGLIGIBLE_LOG) {
                bs[i] += Math.exp(l - mxi);
            }
        }
    }

    /** Adds this mask point to every animal's running log-sum-exp and its gradient. */
    private void animalsWithGradient(double[] av, double[] ag, BlockResult out) {
        final double[] bm = out.max;
        final double[] bs = out.sum;
        final double[] bg = out.grad;
        final int[] start = animalStart;
        final int[] ta = termAtom;
        final double[] tw = termWeight;
        for (int i = 0; i < nAnimals; i++) {
            double l = 0;
            double l0 = 0;
            double l1 = 0;
            double l2 = 0;
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                int at = ta[t];
                double w = tw[t];
                l += w * av[at];
                l0 += w * ag[at * P];
                l1 += w * ag[at * P + 1];
                l2 += w * ag[at * P + 2];
            }
            double mxi = bm[i];
            int gi = i * P;
            if (l - mxi <= NEGLIGIBLE_LOG) {
                continue;
            }
            if (l > mxi) {
                double scale = Math.exp(mxi - l);
                bs[i] = bs[i] * scale + 1;
                bg[gi] = bg[gi] * scale + l0;
                bg[gi + 1] = bg[gi + 1] * scale + l1;
                bg[gi + 2] = bg[gi + 2] * scale + l2;
                bm[i] = l;
            } else {
                double e = Math.exp(l - mxi);
                bs[i] += e;
                bg[gi] += e * l0;
                bg[gi + 1] += e * l1;
                bg[gi + 2] += e * l2;
            }
        }
    }

    /** Partial results of one block of mask points. Not thread-safe. */
    static final class BlockResult {
        final double[] max;
        final double[] sum;
        final double[] grad;
        final double[] pdot = new double[1 + P];

        BlockResult(int animals) {
            max = new double[animals];
            sum = new double[animals];
            grad = new double[animals * P];
        }

        void reset(int animals) {
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0);
            Arrays.fill(grad, 0);
            Arrays.fill(pdot, 0);
        }
    }
}
