package org.secr4j.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.Context;
import org.secr4j.design.ParameterLayout;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.Link;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;
import org.secr4j.util.Checks;

/**
 * A fitted SECR model (secr's {@code secr} object): coefficients, covariance, log-likelihood,
 * information criteria, real-parameter predictions, derived density and region N.
 *
 * <p>When the Hessian is not positive definite ({@link FitDiagnostics#hessianStatus()}), every SE,
 * interval and covariance entry is NaN; estimates are still given.
 *
 * <p>Immutable; thread-safe.
 */
public final class FittedModel {
    private final ModelSpec spec;
    private final ParameterLayout layout;
    private final LikelihoodOptions options;
    private final CaptureHistory history;
    private final List<HabitatMask> masks;
    private final double[] beta;
    private final double[][] vcov;
    private final double logLik;
    private final FitDiagnostics diagnostics;
    private final SecrLikelihood.Evaluation atMle;
    private final List<String> warnings;
    private final double fitSeconds;

    /**
     * Assembles a result (used by the fitter).
     *
     * @param vcov covariance of beta, or null when the Hessian failed
     * @param atMle the likelihood evaluated at beta
     */
    public FittedModel(ModelSpec spec, ParameterLayout layout, LikelihoodOptions options, CaptureHistory history,
            List<HabitatMask> masks, double[] beta, double[][] vcov, FitDiagnostics diagnostics,
            SecrLikelihood.Evaluation atMle, List<String> warnings, double fitSeconds) {
        this.spec = spec;
        this.layout = layout;
        this.options = options;
        this.history = history;
        this.masks = List.copyOf(masks);
        this.beta = beta.clone();
        int p = beta.length;
        this.vcov = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                this.vcov[i][j] = vcov == null ? Double.NaN : vcov[i][j];
            }
        }
        this.logLik = atMle.logLik();
        this.diagnostics = diagnostics;
        this.atMle = atMle;
        this.warnings = List.copyOf(warnings);
        this.fitSeconds = fitSeconds;
    }

    public ModelSpec spec() {
        return spec;
    }

    public ParameterLayout layout() {
        return layout;
    }

    public LikelihoodOptions likelihoodOptions() {
        return options;
    }

    public CaptureHistory captureHistory() {
        return history;
    }

    public List<HabitatMask> masks() {
        return masks;
    }

    /** Maximum-likelihood coefficients on the link scale (a copy). */
    public double[] beta() {
        return beta.clone();
    }

    /** Covariance of the coefficients, the inverse of the observed information (a copy; NaN if unavailable). */
    public double[][] vcov() {
        double[][] c = new double[vcov.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = vcov[i].clone();
        }
        return c;
    }

    /** Coefficient names in order. */
    public List<String> coefficientNames() {
        return layout.coefficientNames();
    }

    /** The coefficient table (secr's {@code coef}): β, SE, 95% Wald limits. */
    public List<Coefficient> coefficients() {
        List<Coefficient> out = new ArrayList<>();
        List<String> names = layout.coefficientNames();
        for (int i = 0; i < beta.length; i++) {
            double se = Math.sqrt(vcov[i][i]);
            out.add(new Coefficient(names.get(i), beta[i], se, beta[i] - Estimate.Z95 * se, beta[i] + Estimate.Z95 * se));
        }
        return out;
    }

    /** Maximised log-likelihood, with the constants secr reports. */
    public double logLikelihood() {
        return logLik;
    }

    /** The deviance and residual df, as secr defines them ({@link Deviance}). */
    public Deviance deviance() {
        return Deviance.of(this);
    }

    /** Number of estimated coefficients. */
    public int parameterCount() {
        return beta.length;
    }

    /** Number of detected animals (summed over sessions), the n of AICc. */
    public int animalCount() {
        return history.animalCount();
    }

    /** \( -2\log L + 2K \). */
    public double aic() {
        return -2 * logLik + 2 * beta.length;
    }

    /** \( \mathrm{AIC} + 2K(K+1)/(n-K-1) \) with n the number of detected animals (secr's rule). */
    public double aicc() {
        int k = beta.length;
        int n = animalCount();
        return n - k - 1 > 0 ? aic() + 2.0 * k * (k + 1) / (n - k - 1) : Double.NaN;
    }

    public FitDiagnostics diagnostics() {
        return diagnostics;
    }

    /** Warnings raised while fitting (e.g. single-catch traps fitted as multi-catch). */
    public List<String> warnings() {
        return warnings;
    }

    /** Wall time of the fit alone, in seconds. */
    public double fitSeconds() {
        return fitSeconds;
    }

    /**
     * Real parameters at the MLE (secr's {@code predict}) in the baseline context: first session,
     * first occasion, naive (not yet caught). For a density surface D is given at the session's
     * reference point (the mask centre, numeric mask covariates at their mean, factors at their first
     * level); {@link #densitySurface(int)} gives it at every mask point.
     */
    public Map<RealParameter, RealEstimate> predict() {
        return predict(new Context(0, 0, false, layout.referenceClass()));
    }

    /**
     * Real parameters at the MLE in context {@code c} (session, occasion, learned-response state):
     * \( \hat\eta = x^\top\hat\beta \), SE from \( x^\top V x \), Wald interval on the link scale.
     */
    public Map<RealParameter, RealEstimate> predict(Context c) {
        Map<RealParameter, RealEstimate> out = new LinkedHashMap<>();
        for (RealParameter p : layout.parameters()) {
            Link link = layout.link(p);
            if (p == RealParameter.PMIX) {
                out.put(p, mixingProportion(c.mixture()));
                continue;
            }
            double eta = layout.eta(p, c, beta);
            double se = Math.sqrt(quadratic(gradientOfEta(p, c)));
            double est = link.fromLink(eta);
            double a = link.fromLink(eta - Estimate.Z95 * se);
            double b = link.fromLink(eta + Estimate.Z95 * se);
            out.put(p, new RealEstimate(p.secrName(), link, est, link.realSe(eta, se), Math.min(a, b), Math.max(a, b)));
        }
        for (Map.Entry<RealParameter, Double> f : layout.fixed().entrySet()) { // held fixed: no uncertainty
            double v = f.getValue();
            out.put(f.getKey(), new RealEstimate(f.getKey().secrName(), layout.link(f.getKey()), v, 0, v, v));
        }
        return out;
    }

    /**
     * The probability of mixture class {@code k}: for two classes \( \pi_2 = \mathrm{logit}^{-1}(\beta_{pmix}) \),
     * \( \pi_1 = 1 - \pi_2 \), SE by the delta method, interval from the logit-scale Wald interval.
     */
    private RealEstimate mixingProportion(int k) {
        int j = layout.indexOf(RealParameter.PMIX);
        if (layout.mixtureClasses() > 2) {
            return multinomialProportion(k, j);
        }
        double b = beta[j];
        double se = Math.sqrt(vcov[j][j]);
        double p2 = Link.LOGIT.fromLink(b);
        double lo = Link.LOGIT.fromLink(b - Estimate.Z95 * se);
        double hi = Link.LOGIT.fromLink(b + Estimate.Z95 * se);
        double s2 = p2 * (1 - p2) * se;
        if (k == 1) {
            return new RealEstimate("pmix", Link.LOGIT, p2, s2, lo, hi);
        }
        return new RealEstimate("pmix", Link.LOGIT, 1 - p2, s2, 1 - hi, 1 - lo);
    }

    /**
     * The probability of class {@code k} of a mixture of C &gt; 2 classes, \( \pi_k = e^{\eta_k}/\sum_c e^{\eta_c} \)
     * with \( \eta_1 = 0 \) (secr's multinomial logit), SE by the delta method
     * (\( \partial\pi_k/\partial\eta_c = \pi_k([k = c] - \pi_c) \)), interval from the Wald interval of
     * \( \mathrm{logit}\,\pi_k \).
     */
    private RealEstimate multinomialProportion(int k, int offset) {
        double[] pi = layout.mixingProportions(beta);
        int C = pi.length;
        double[] g = new double[beta.length];
        for (int c = 1; c < C; c++) {
            g[offset + c - 1] = pi[k] * ((k == c ? 1 : 0) - pi[c]);
        }
        double se = Math.sqrt(quadratic(g));
        double logit = Link.LOGIT.toLink(pi[k]);
        double seLogit = se / (pi[k] * (1 - pi[k]));
        return new RealEstimate("pmix", Link.LOGIT, pi[k], se, Link.LOGIT.fromLink(logit - Estimate.Z95 * seLogit),
                Link.LOGIT.fromLink(logit + Estimate.Z95 * seLogit));
    }

    /** \( \partial\eta_p / \partial\beta \) in context {@code c}: the design row placed at p's coefficients. */
    private double[] gradientOfEta(RealParameter p, Context c) {
        double[] g = new double[beta.length];
        double[] x = layout.row(p, c);
        if (x.length > 0) {
            System.arraycopy(x, 0, g, layout.indexOf(p), x.length);
        }
        return g;
    }

    /** The real value of {@code p} at the MLE in the baseline context. */
    public double real(RealParameter p) {
        return layout.real(p, beta);
    }

    /** The real value of {@code p} at the MLE in context {@code c}. */
    public double real(RealParameter p, Context c) {
        return layout.real(p, c, beta);
    }

    private double quadratic(double[] g) {
        double v = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                v += g[i] * vcov[i][j] * g[j];
            }
        }
        return v;
    }

    /** secr's {@code derived()}: esa and Horvitz–Thompson density, one entry per session. */
    public List<DerivedEstimates> derived() {
        List<DerivedEstimates> out = new ArrayList<>();
        for (int s = 0; s < history.sessionCount(); s++) {
            int n = atMle.animals(s);
            double a = atMle.esaHectares(s);
            double seA = Math.sqrt(quadratic(atMle.esaGradient(s)));
            double cvA = seA / a;
            double d = n / a;
            // with individual covariates D is the Horvitz-Thompson sum of 1/a_i and its Poisson variance sum 1/a_i^2
            double cvN = layout.individualClasses() > 0 ? Math.sqrt(atMle.horvitzThompsonVariance(s)) / d : 1 / Math.sqrt(n);
            double cvD = Math.sqrt(cvN * cvN + cvA * cvA);
            out.add(new DerivedEstimates(history.session(s).id(), n, Estimate.logNormal(a, seA),
                    Estimate.logNormal(d, d * cvD), cvN, cvA));
        }
        return out;
    }

    /** secr's {@code region.N} over each session's whole mask (full-likelihood fits). */
    public List<RegionN> regionN() {
        return regionN(null);
    }

    /**
     * secr's {@code region.N} for the mask cells inside {@code region} (null: the whole mask),
     * per session. The realised number adds to the expected undetected part
     * \( \int_R D(1 - p_\cdot) \) the posterior probability that each detected animal's centre lies
     * in the region (all n for the whole mask). Its variance follows secr's default
     * {@code RN.method = "poisson"}: \( \mathrm{var}(\hat N_R) = \mathrm{var}(\hat E(N)) - \hat E(N) \)
     * (floored at 0), with a log-normal interval on the undetected part.
     *
     * @throws IllegalStateException for a conditional-likelihood fit (no D)
     */
    public List<RegionN> regionN(Geometry region) {
        if (layout.likelihoodType() != LikelihoodType.FULL) {
            throw new IllegalStateException("region N needs a full-likelihood fit (D estimated); this fit is conditional");
        }
        Link ld = layout.link(RealParameter.D);
        int sessions = history.sessionCount();
        // the region's cells of each session's mask (null: none), and one evaluation over all of them
        HabitatMask[] sub = new HabitatMask[sessions];
        SecrLikelihood.Evaluation inRegion = null;
        if (region != null) {
            List<HabitatMask> subMasks = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                HabitatMask mask = mask(s);
                boolean[] in = mask.inside(region);
                int[] rows = java.util.stream.IntStream.range(0, in.length).filter(m -> in[m]).toArray();
                sub[s] = rows.length == 0 ? null : mask.subset(rows);
                subMasks.add(sub[s] == null ? mask : sub[s]); // a session outside the region is skipped below
            }
            try (SecrLikelihood l = SecrLikelihood.of(history, subMasks, layout, options.withThreads(1))) {
                inRegion = l.evaluate(beta);
            }
        }
        List<RegionN> out = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String id = history.session(s).id();
            if (region != null && sub[s] == null) {
                out.add(new RegionN(id, 0, new Estimate(0, 0, 0, 0), new Estimate(0, 0, 0, 0), 0));
                continue;
            }
            HabitatMask cells = region == null ? mask(s) : sub[s];
            SecrLikelihood.Evaluation over = region == null ? atMle : inRegion;
            double area = cells.areaHectares();
            double detected = atMle.animals(s);
            if (region != null) {
                detected = 0;
                for (int i = 0; i < atMle.animals(s); i++) {
                    detected += Math.exp(inRegion.animalLogSum(s, i) - atMle.animalLogSum(s, i));
                }
            }
            double expected;
            double seExpected;
            double undetected;
            if (layout.densitySurface()) {
                double[] e = surfaceExpected(s, cells);
                expected = e[0];
                seExpected = e[1];
                undetected = expected - over.expectedDetected(s);
            } else if (layout.groups()) {
                double[] e = groupExpected(s, area, over);
                expected = e[0];
                seExpected = e[1];
                undetected = e[2];
            } else {
                Context dc = new Context(layout.isConstant() ? 0 : s, 0, false);
                double etaD = layout.eta(RealParameter.D, dc, beta);
                double d = ld.fromLink(etaD);
                double seEtaD = Math.sqrt(quadratic(gradientOfEta(RealParameter.D, dc)));
                expected = d * area;
                // as secr: the log-normal back-transform of predict() when D ~ 1, the delta method otherwise
                seExpected = layout.columns(RealParameter.D) == 1 ? area * ld.realSe(etaD, seEtaD)
                        : area * Math.abs(ld.dRealDEta(etaD)) * seEtaD;
                undetected = d * (area - over.esaHectares(s));
            }
            Estimate en = Estimate.logNormal(expected, seExpected);
            // secr region.N, RN.method = "poisson": var(R.N) = var(E.N) - E.N
            double seU = Math.sqrt(Math.max(0, seExpected * seExpected - expected));
            Estimate u = Estimate.logNormal(undetected, seU);
            Estimate rn = new Estimate(detected + undetected, seU, detected + u.lcl(), detected + u.ucl());
            out.add(new RegionN(id, area, en, rn, detected));
        }
        return out;
    }

    /**
     * With groups, \( E(N) = \sum_c D_c \cdot area \) with its delta-method SE, and the expected number
     * undetected \( \sum_c D_c (area - a_c) \): {expected, SE, undetected}.
     */
    private double[] groupExpected(int s, double area, SecrLikelihood.Evaluation over) {
        Link ld = layout.link(RealParameter.D);
        double expected = 0;
        double undetected = 0;
        double[] g = new double[beta.length];
        for (int c = 0; c < layout.individualClasses(); c++) {
            Context dc = new Context(layout.isConstant() ? 0 : s, 0, false, c);
            double eta = layout.eta(RealParameter.D, dc, beta);
            double d = ld.fromLink(eta);
            expected += d * area;
            undetected += d * (area - over.groupEsaHectares(s, c));
            double[] x = gradientOfEta(RealParameter.D, dc);
            for (int j = 0; j < g.length; j++) {
                g[j] += area * ld.dRealDEta(eta) * x[j];
            }
        }
        return new double[] {expected, Math.sqrt(quadratic(g)), undetected};
    }

    /**
     * For a density surface, \( E(N) = A\sum_m D_m \) over the points of {@code cells} in session s
     * and its delta-method SE from \( \partial E(N)/\partial\beta_j = A\sum_m D'(\eta_m) x_{mj} \):
     * {expected, SE}.
     */
    private double[] surfaceExpected(int s, HabitatMask cells) {
        Link ld = layout.link(RealParameter.D);
        int off = layout.indexOf(RealParameter.D);
        double cell = cells.cellAreaHectares();
        double expected = 0;
        double[] g = new double[beta.length];
        for (double[] row : layout.densityDesign(s, cells)) {
            double eta = layout.eta(RealParameter.D, row, beta);
            expected += cell * ld.fromLink(eta);
            double dd = cell * ld.dRealDEta(eta);
            for (int j = 0; j < row.length; j++) {
                g[off + j] += dd * row[j];
            }
        }
        return new double[] {expected, Math.sqrt(quadratic(g))};
    }

    /** The mask of session {@code s} (the one mask when all sessions share it). */
    public HabitatMask mask(int s) {
        return masks.size() == 1 ? masks.get(0) : masks.get(s);
    }

    /**
     * The fitted density surface of session {@code s} (secr's {@code predictDsurface}): D at each
     * point of the session's fitting mask (animals per hectare), with SE by the delta method and a
     * Wald interval on the link scale. For a constant D every point has the session's value.
     *
     * @throws IllegalStateException for a conditional-likelihood fit (no D)
     */
    public List<RealEstimate> densitySurface(int s) {
        if (layout.likelihoodType() != LikelihoodType.FULL || layout.indexOf(RealParameter.D) < 0) {
            throw new IllegalStateException("a density surface needs a full-likelihood fit with D estimated");
        }
        Link ld = layout.link(RealParameter.D);
        int off = layout.indexOf(RealParameter.D);
        List<RealEstimate> out = new ArrayList<>();
        double[] g = new double[beta.length];
        for (double[] row : layout.densityDesign(s, mask(s))) {
            double eta = layout.eta(RealParameter.D, row, beta);
            System.arraycopy(row, 0, g, off, row.length);
            double se = Math.sqrt(quadratic(g));
            double a = ld.fromLink(eta - Estimate.Z95 * se);
            double b = ld.fromLink(eta + Estimate.Z95 * se);
            out.add(new RealEstimate("D", ld, ld.fromLink(eta), ld.realSe(eta, se), Math.min(a, b), Math.max(a, b)));
        }
        return out;
    }

    /**
     * How {@link #dataIdentity} names a likelihood that takes the detections collapsed over occasions (secr's
     * fastproximity; {@link SecrLikelihood.Evaluation#collapsedOverOccasions}).
     */
    public static final String COLLAPSED = "collapsed over occasions (fastproximity)";

    /**
     * What a log-likelihood depends on besides the model: the capture histories, the masks, and
     * how the likelihood is reported (type, distribution, binomN, whether the detections were collapsed over
     * occasions: not the fastproximity option but whether it applied to this model). Fits are
     * comparable by AIC only when these agree (secr's {@code AICcompatible}). Each entry is
     * {@code name -> fingerprint}.
     */
    public Map<String, String> dataIdentity() {
        Map<String, String> id = new LinkedHashMap<>();
        StringBuilder h = new StringBuilder();
        for (var s : history.sessions()) {
            h.append(s.id()).append('/').append(s.occasions()).append('/').append(s.animalIds()).append('/')
                    .append(s.detections()).append('/');
            for (int i = 0; i < s.animals(); i++) {
                h.append(s.removedOn(i)).append(',');
            }
            var d = s.detectors();
            h.append(d.type()).append(d.ids()).append(java.util.Arrays.toString(d.xs())).append(java.util.Arrays.toString(d.ys()));
            for (int k = 0; k < d.size() && d.hasUsage(); k++) {
                for (int t = 0; t < s.occasions(); t++) {
                    h.append(d.usage(k, t)).append(',');
                }
            }
        }
        id.put("capture histories", digest(h.toString()));
        StringBuilder m = new StringBuilder();
        for (HabitatMask mask : masks) {
            m.append(mask.spacingMetres()).append(java.util.Arrays.toString(mask.xs())).append(java.util.Arrays.toString(mask.ys()));
        }
        id.put("masks", digest(m.toString()));
        id.put("likelihood", layout.likelihoodType() + "/" + options.distribution() + "/binomN=" + options.binomN()
                + "/" + (atMle.collapsedOverOccasions() ? COLLAPSED : "occasions separate"));
        return id;
    }

    private static String digest(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("SECR fit: ").append(spec).append(", detectfn ").append(layout.detectionFunction()).append(", ")
                .append(layout.likelihoodType()).append(" likelihood\n");
        b.append(Checks.format("logLik %.6f  npar %d  AIC %.3f  AICc %.3f  n %d%n", logLik, beta.length, aic(), aicc(),
                animalCount()));
        for (Coefficient c : coefficients()) {
            b.append(Checks.format("  %-8s %12.6f  SE %10.6f%n", c.name(), c.beta(), c.se()));
        }
        return b.toString();
    }
}
