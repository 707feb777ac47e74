package org.secr4j.fit;

import java.util.ArrayList;
import java.util.List;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.RealParameter;

/**
 * Starting values computed from the data, in the spirit of secr's {@code autoini}:
 * <ol>
 *   <li>\( \sigma_0 \) = the root pooled spatial variance of the re-detected animals' detector
 *       locations, \( \sqrt{\sum_i \sum_j |x_{ij} - \bar x_i|^2 / (2 \sum_i (n_i - 1))} \), or the
 *       detector spacing when nobody was re-detected;</li>
 *   <li>the intercept (g0 or lambda0) that maximises the conditional likelihood over a grid of
 *       candidates, on a thinned mask, found by climbing the grid from its middle ({@link #bestCandidate}:
 *       3 to 5 evaluations where the likelihood over the grid has one peak, instead of 7);</li>
 *   <li>\( D_0 = n / a(\theta_0) \).</li>
 * </ol>
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class StartValues {
    private static final double[] CANDIDATE_G0 = {0.01, 0.03, 0.07, 0.15, 0.3, 0.5, 0.7};
    /** Where {@link #bestCandidate} starts its climb: g0 = 0.15, the middle of the grid. */
    private static final int FIRST_CANDIDATE = 3;
    /**
     * About this many points remain of a mask thinned for the start values (600, once 2000: the climb's conditional
     * evaluations are then 2–3 times cheaper, and the 22 reference fits reach the same MLE to 2.4e-7 in β, their
     * evaluation counts within one; medians of ten alternating fresh-JVM fits of the small reference surveys 0–11%
     * faster, see {@code benchmarks/RESULTS.md}). Never thinner than {@link #thinned}'s bound by σ.
     */
    private static final int THINNED_POINTS = 600;
    private static final double HAZARD_SHAPE_START = 5;
    private static final double MIXTURE_INTERCEPT_START = 1;

    private StartValues() {}

    /** Root pooled spatial variance (metres; search detections at their own locations), or NaN when no animal was detected at two places. */
    public static double rootPooledSpatialVariance(CaptureHistory history) {
        double ss = 0;
        int df = 0;
        for (Session s : history.sessions()) {
            List<Detection> dets = s.detections();
            int j = 0;
            for (int i = 0; i < s.animals(); i++) {
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                int c = 0;
                for (; j < dets.size() && dets.get(j).animal() == i; j++) {
                    Detection d = dets.get(j);
                    double x = d.hasLocation() ? d.x() : s.detectors().x(d.detector());
                    double y = d.hasLocation() ? d.y() : s.detectors().y(d.detector());
                    for (int r = 0; r < d.count(); r++) {
                        sx += x;
                        sy += y;
                        sxx += x * x + y * y;
                        c++;
                    }
                }
                if (c > 1) {
                    ss += sxx - (sx * sx + sy * sy) / c;
                    df += c - 1;
                }
            }
        }
        return df == 0 ? Double.NaN : Math.sqrt(ss / (2.0 * df));
    }

    /**
     * The start's σ (metres): {@link #rootPooledSpatialVariance}, else the detectors' nearest-neighbour spacing
     * (nobody re-detected), else a tenth of the root of the first mask's area.
     */
    static double startSigma(CaptureHistory history, List<HabitatMask> masks) {
        double sigma = rootPooledSpatialVariance(history);
        if (!(sigma > 0)) {
            sigma = history.session(0).detectors().nearestNeighbourSpacing();
        }
        if (!(sigma > 0)) {
            sigma = Math.sqrt(masks.get(0).areaHectares() * 10_000) / 10;
        }
        return sigma;
    }

    /**
     * Each mask {@link #thinned} as for the start values (the start's σ, {@link #startSigma}), or null where that
     * would not halve the points of all the masks together: the coarse stage of a fit ({@link CoarseFit}).
     */
    static List<HabitatMask> thinnedMasks(CaptureHistory history, List<HabitatMask> masks) {
        List<HabitatMask> thin = thinnedEach(masks, startSigma(history, masks));
        long full = 0;
        long kept = 0;
        for (int s = 0; s < masks.size(); s++) {
            full += masks.get(s).size();
            kept += thin.get(s).size();
        }
        return 2 * kept <= full ? thin : null;
    }

    /** Each mask {@link #thinned} with the start's σ {@code sigma}, in order. */
    private static List<HabitatMask> thinnedEach(List<HabitatMask> masks, double sigma) {
        List<HabitatMask> thin = new ArrayList<>();
        for (HabitatMask m : masks) {
            thin.add(thinned(m, sigma));
        }
        return thin;
    }

    /** Start values for {@code layout}, in coefficient order. */
    public static double[] compute(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout,
            LikelihoodOptions options) {
        return compute(history, masks, layout, options, null);
    }

    /**
     * Start values for {@code layout}, with the coarse stage's masks, thinned as here, and its likelihood of the fit's
     * own model there ({@link CoarseFit#prepare}; null: none). The intercept climb runs on that likelihood where its
     * detection coefficients are the climb's (the constant model: its names, no mixture) and it gives the conditional
     * likelihood ({@link SecrLikelihood#givesConditional}): the candidates' conditional log-likelihoods are then read
     * from its evaluations ({@link SecrLikelihood#conditionalLogLik}), the same numbers to rounding, and no
     * likelihood is built here. Otherwise a conditional likelihood of the constant model is built on the thinned
     * masks (the stage's, or thinned here without a stage).
     */
    static double[] compute(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout,
            LikelihoodOptions options, CoarseFit.Stage stage) {
        DetectionFunction fn = layout.detectionFunction();
        double sigma = startSigma(history, masks);
        ParameterLayout cl = climbLayout(layout);
        SecrLikelihood onThin = stage == null ? null : stage.likelihood();
        double[] best;
        double bestEsa;
        if (onThin != null && climbsOn(onThin, cl)) {
            Climb c = climb(onThin, cl, fn, sigma, densityStart(history, masks, onThin.layout()), true, stage);
            best = c.coefficients;
            bestEsa = c.esa;
        } else {
            List<HabitatMask> thin = stage == null ? thinnedEach(masks, sigma) : stage.masks();
            try (SecrLikelihood l = SecrLikelihood.of(history, thin, cl,
                    options.with(LikelihoodType.CONDITIONAL).withThreads(options.threads()))) {
                Climb c = climb(l, cl, fn, sigma, Double.NaN, false, null);
                best = c.coefficients;
                bestEsa = c.esa;
            }
        }
        double[] start = new double[layout.size()];
        for (RealParameter p : cl.parameters()) {
            start[layout.indexOf(p)] = best[cl.indexOf(p)];
        }
        // a latent mixture starts with each class more detectable than the one before, so that the classes differ
        if (layout.mixtureClasses() > 1) {
            java.util.List<String> names = layout.coefficientNames();
            for (int j = 0; j < names.size(); j++) {
                for (int c = 1; c < layout.mixtureClasses(); c++) {
                    if (names.get(j).equals(fn.intercept().secrName() + "." + layout.mixtureName() + layout.mixtureLabels().get(c))) {
                        start[j] = c * MIXTURE_INTERCEPT_START;
                    }
                }
            }
        }
        if (layout.likelihoodType() == LikelihoodType.FULL && layout.indexOf(RealParameter.D) >= 0) {
            double d = history.animalCount() / bestEsa;
            start[layout.indexOf(RealParameter.D)] = layout.link(RealParameter.D).toLink(d);
        }
        return start;
    }

    /**
     * The layout the intercept climb evaluates: the conditional likelihood of the constant detection model with
     * {@code layout}'s detection function, links and fixed detection parameters.
     */
    static ParameterLayout climbLayout(ParameterLayout layout) {
        java.util.Map<RealParameter, Double> fixedDetection = new java.util.EnumMap<>(RealParameter.class);
        fixedDetection.putAll(layout.fixed());
        fixedDetection.remove(RealParameter.D);
        return ParameterLayout.bind(org.secr4j.model.ModelSpec.constant(), layout.detectionFunction(),
                LikelihoodType.CONDITIONAL, linksOf(layout), null, fixedDetection);
    }

    /** The climb's outcome: the best candidate's coefficients (in the conditional layout's order) and its esa (ha). */
    private record Climb(double[] coefficients, double esa) {}

    /**
     * Whether the climb can run on {@code l}: it gives the conditional likelihood, and its coefficients are the
     * conditional layout's {@code cl} (same names, links and fixed values: the constant detection model) plus D's.
     */
    static boolean climbsOn(SecrLikelihood l, ParameterLayout cl) {
        ParameterLayout own = l.layout();
        List<String> detection = new ArrayList<>();
        for (String n : own.coefficientNames()) {
            if (!n.equals("D") && !n.startsWith("D.")) {
                detection.add(n);
            }
        }
        if (!detection.equals(cl.coefficientNames()) || own.mixtureClasses() != 1 || !l.givesConditional()) {
            return false;
        }
        for (RealParameter p : cl.parameters()) {
            if (own.link(p) != cl.link(p) || !java.util.Objects.equals(own.fixed().get(p), cl.fixed().get(p))) {
                return false;
            }
        }
        return true;
    }

    /** The link-scale D at which the climb evaluates a full likelihood: n over the masks' area (any D > 0 would do). */
    private static double densityStart(CaptureHistory history, List<HabitatMask> masks, ParameterLayout own) {
        if (own.indexOf(RealParameter.D) < 0) {
            return Double.NaN;
        }
        double area = 0;
        for (HabitatMask m : masks) {
            area += m.areaHectares();
        }
        return own.link(RealParameter.D).toLink(Math.max(history.animalCount(), 1) / area);
    }

    /**
     * The intercept climb ({@link #bestCandidate}) on likelihood {@code l}: each candidate's conditional
     * log-likelihood. With {@code embed} the candidates' coefficients, set in the conditional layout {@code cl}, are
     * placed in {@code l}'s own by parameter, D's intercept (when {@code l} has D) at {@code dEta}, and the conditional
     * log-likelihood read from the evaluation ({@link SecrLikelihood#conditionalLogLik}); without, {@code l} is the
     * conditional likelihood of {@code cl}. The best candidate's evaluation is given to {@code stage} (null: none),
     * whose likelihood {@code l} then is, so that the coarse stage need not repeat it at its start ({@link CoarseFit#run}).
     */
    private static Climb climb(SecrLikelihood l, ParameterLayout cl, DetectionFunction fn, double sigma, double dEta,
            boolean embed, CoarseFit.Stage stage) {
        ParameterLayout own = l.layout();
        SecrLikelihood.Evaluation[] at = new SecrLikelihood.Evaluation[CANDIDATE_G0.length];
        double[][] b = new double[CANDIDATE_G0.length][];
        double[] ll = new double[CANDIDATE_G0.length];
        double[][] xs = new double[CANDIDATE_G0.length][];
        // a class, not a lambda: no invokedynamic linkage in a fresh JVM's fit (SessionKernel's SUM_DOUBLES)
        java.util.function.IntToDoubleFunction logLik = new java.util.function.IntToDoubleFunction() {
            @Override
            public double applyAsDouble(int k) {
                if (at[k] == null) {
                    b[k] = candidate(cl, fn, CANDIDATE_G0[k], sigma);
                    double[] x = b[k];
                    if (embed) {
                        x = new double[own.size()];
                        for (RealParameter p : cl.parameters()) {
                            x[own.indexOf(p)] = b[k][cl.indexOf(p)];
                        }
                        if (own.indexOf(RealParameter.D) >= 0) {
                            x[own.indexOf(RealParameter.D)] = dEta;
                        }
                    }
                    xs[k] = x;
                    at[k] = l.evaluate(x);
                    ll[k] = embed ? l.conditionalLogLik(at[k], x) : at[k].logLik();
                }
                return ll[k];
            }
        };
        int k = bestCandidate(logLik, CANDIDATE_G0.length, FIRST_CANDIDATE);
        if (stage != null) {
            stage.remember(xs[k], at[k]); // the coarse stage's first evaluation where the start is this candidate
        }
        double esa = 0;
        for (int s = 0; s < l.sessions(); s++) {
            esa += at[k].esaHectares(s);
        }
        return new Climb(b[k], esa);
    }

    /** The coefficients of the conditional likelihood at intercept candidate {@code g0} and {@code sigma}. */
    private static double[] candidate(ParameterLayout cl, DetectionFunction fn, double g0, double sigma) {
        double[] b = new double[cl.size()];
        double a = fn.isHazard() ? -Math.log(1 - g0) : g0;
        setIfEstimated(cl, b, fn.intercept(), a);
        setIfEstimated(cl, b, RealParameter.SIGMA, sigma);
        if (fn.hasShape()) {
            setIfEstimated(cl, b, RealParameter.Z, HAZARD_SHAPE_START);
        }
        return b;
    }

    /**
     * The index in {@code [0, n)} of the first largest {@code logLik} (NaN counting as below every number),
     * the candidate the whole grid's scan keeps, found by climbing from {@code first}: to the neighbour that is
     * larger, while one is; the grid's ends and a neighbour no larger stop it. Where the log-likelihood over the
     * grid rises to one peak and falls (unimodal, as the conditional likelihood in the intercept at fixed
     * \( \sigma \) is on every reference data set), that is the grid's candidate, found with 3 to {@code n}
     * evaluations instead of n. Where it does not (a climb that ends at a value some other candidate might
     * exceed: a candidate met that is not finite, or a tie with a neighbour), every candidate is evaluated
     * and the first largest is kept.
     */
    static int bestCandidate(java.util.function.IntToDoubleFunction logLik, int n, int first) {
        double here = logLik.applyAsDouble(first);
        int k = first;
        boolean peak = Double.isFinite(here);
        if (peak) {
            double up = first + 1 < n ? logLik.applyAsDouble(first + 1) : Double.NEGATIVE_INFINITY;
            int dir = up > here ? 1 : -1;
            double next = up;
            if (first + 1 < n && (!Double.isFinite(up) || up == here)) {
                peak = false;
            }
            while (peak) {
                if (k + dir < 0 || k + dir >= n) {
                    break; // the grid's end
                }
                if (!(dir == 1 && k == first)) {
                    next = logLik.applyAsDouble(k + dir);
                }
                if (!Double.isFinite(next) || next == here) {
                    peak = false; // a tie, or a value the climb cannot compare: scan
                    break;
                }
                if (next < here) {
                    break;
                }
                k += dir;
                here = next;
            }
        }
        if (peak) {
            return k;
        }
        int best = 0;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = logLik.applyAsDouble(j);
            if (v > bestLl) {
                bestLl = v;
                best = j;
            }
        }
        return best;
    }

    private static void setIfEstimated(ParameterLayout l, double[] b, RealParameter p, double real) {
        if (l.indexOf(p) >= 0) {
            b[l.indexOf(p)] = l.link(p).toLink(real);
        }
    }

    private static java.util.Map<RealParameter, org.secr4j.model.Link> linksOf(ParameterLayout layout) {
        java.util.Map<RealParameter, org.secr4j.model.Link> m = new java.util.EnumMap<>(RealParameter.class);
        for (RealParameter p : layout.parameters()) {
            m.put(p, layout.link(p));
        }
        for (RealParameter p : layout.fixed().keySet()) {
            m.put(p, layout.link(p));
        }
        return m;
    }

    /**
     * Every j-th grid row and column so that about {@value #THINNED_POINTS} points remain, but the thinned spacing
     * no wider than {@code sigma} (the start's σ, metres): the climb's integrands vary on the scale of σ, and a grid
     * of that spacing or finer sums them closely (without the bound, a 50,000-point mask of spacing σ/2 would be
     * thinned to a spacing of 5σ). The kept points keep their covariates, so that a model of them can be fitted
     * on the thinned mask ({@link CoarseFit}).
     */
    static HabitatMask thinned(HabitatMask mask, double sigma) {
        int bySize = (int) Math.ceil(Math.sqrt(mask.size() / (double) THINNED_POINTS));
        int bySigma = (int) Math.max(1, Math.floor(sigma / mask.spacingMetres()));
        int j = Math.min(bySize, bySigma);
        if (j <= 1) {
            return mask;
        }
        double s = mask.spacingMetres();
        double x0 = mask.x(0);
        double y0 = mask.y(0);
        int[] keep = new int[mask.size()];
        int n = 0;
        for (int m = 0; m < mask.size(); m++) {
            long ix = Math.round((mask.x(m) - x0) / s);
            long iy = Math.round((mask.y(m) - y0) / s);
            if (Math.floorMod(ix, j) == 0 && Math.floorMod(iy, j) == 0) {
                keep[n++] = m;
            }
        }
        HabitatMask sub = mask.subset(java.util.Arrays.copyOf(keep, n));
        return HabitatMask.fromPoints(sub.xs(), sub.ys(), s * j, sub.covariates());
    }
}
