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
    void evaluateBlock(DetectionParameters par, int m0, int m1, Scratch sc, BlockResult out, boolean gradient) {
        final int K = nDetectors;
        final double a = par.a();
        final double logA = Math.log(a);
        final double cA = par.cA();
        final double cS = par.cSigma();
        final double cZ = hasZ ? par.cZ() : 0;
        final double[] d2 = sc.d2;
        final double[] f = sc.f;
        final double[] logf = sc.logf;
        final double[] dls = sc.dls;
        final double[] dlz = sc.dlz;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        final double[] gH = sc.groupH;
        final double[] gDH = sc.groupDH;
        final double[] av = sc.atomVal;
        final double[] ag = sc.atomGrad;
        out.reset(nAnimals);
        double pdotSum = 0;
        double pd0 = 0;
        double pd1 = 0;
        double pd2 = 0;
        for (int m = m0; m < m1; m++) {
            final double px = mx[m];
            final double py = my[m];
            for (int k = 0; k < K; k++) {
                double dx = px - kx[k];
                double dy = py - ky[k];
                d2[k] = dx * dx + dy * dy;
            }
            fn.shapes(d2, K, par.sigma(), par.z(), f, logf, dls, dlz);
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
                    if (hasZ) {
                        s2 += ur * dlz[k];
                    }
                }
                gH[g] = sh;
                gDH[g * P] = s0 * cA;
                gDH[g * P + 1] = s1 * cS;
                gDH[g * P + 2] = s2 * cZ;
            }
            for (int t = 0; t < nAtoms; t++) {
                int arg = atomArg[t];
                double val;
                double fac0;
                double fac1;
                double fac2;
                switch (atomKind[t]) {
                    case KIND_BASE: {
                        double[] cf = baseCoef[arg];
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
                        continue;
                    }
                    case KIND_Q: {
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
                    case KIND_LH: {
                        int k = arg;
                        double ratio;
                        if (!gType) {
                            val = logA + logf[k];
                            ratio = 1;
                        } else {
                            double g = a * f[k];
                            if (g < SMALL) {
                                val = logA + logf[k] + g / 2;
                                ratio = 1 + g / 2;
                            } else {
                                val = Math.log(h[k]);
                                ratio = rr[k] / h[k];
                            }
                        }
                        fac0 = ratio;
                        break;
                    }
                    default: { // KIND_LPH
                        int k = arg;
                        double u = atomUsage[t];
                        if (gType && u == 1) {
                            val = logA + logf[k] + h[k];
                            fac0 = 1 + rr[k];
                        } else {
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
                        break;
                    }
                }
                int k = arg;
                fac1 = fac0 * dls[k] * cS;
                fac2 = hasZ ? fac0 * dlz[k] * cZ : 0;
                av[t] = val;
                ag[t * P] = fac0 * cA;
                ag[t * P + 1] = fac1;
                ag[t * P + 2] = fac2;
            }
            // atom 0 is the base of animals at risk on every occasion: p.(x) = 1 - exp(-B)
            double eb = Math.exp(-av[0]);
            pdotSum += 1 - eb;
            pd0 += eb * ag[0];
            pd1 += eb * ag[1];
            pd2 += eb * ag[2];
            final double[] bm = out.max;
            final double[] bs = out.sum;
            final double[] bg = out.grad;
            for (int i = 0; i < nAnimals; i++) {
                double l = 0;
                double l0 = 0;
                double l1 = 0;
                double l2 = 0;
                for (int t = animalStart[i], end = animalStart[i + 1]; t < end; t++) {
                    int at = termAtom[t];
                    double w = termWeight[t];
                    l += w * av[at];
                    if (gradient) {
                        l0 += w * ag[at * P];
                        l1 += w * ag[at * P + 1];
                        l2 += w * ag[at * P + 2];
                    }
                }
                double mxi = bm[i];
                int gi = i * P;
                if (l > mxi) {
                    double scale = Math.exp(mxi - l);
                    bs[i] = bs[i] * scale + 1;
                    if (gradient) {
                        bg[gi] = bg[gi] * scale + l0;
                        bg[gi + 1] = bg[gi + 1] * scale + l1;
                        bg[gi + 2] = bg[gi + 2] * scale + l2;
                    }
                    bm[i] = l;
                } else {
                    double e = Math.exp(l - mxi);
                    bs[i] += e;
                    if (gradient) {
                        bg[gi] += e * l0;
                        bg[gi + 1] += e * l1;
                        bg[gi + 2] += e * l2;
                    }
                }
            }
        }
        out.pdot[0] = pdotSum;
        out.pdot[1] = pd0;
        out.pdot[2] = pd1;
        out.pdot[3] = pd2;
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
