package org.secr4j.fit;

import org.secr4j.likelihood.HcovPoissonTerm;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.result.HessianMethod;
import org.secr4j.util.Checks;

/**
 * How a model is fitted: detection function, likelihood options, optimizer limits and
 * tolerances, optional start values.
 *
 * <p>Immutable; thread-safe. Start from {@link #defaults()} and use the {@code with…} methods.
 */
public final class FitOptions {
    /**
     * Default {@link #withGainTolerance}: a step that would raise log L by less than 1e-10 is not taken (each
     * coefficient then within 1.4e-5 standard errors of the maximum, far inside the 1e-4 relative agreement with
     * secr's estimates that its references are checked to).
     */
    public static final double DEFAULT_GAIN_TOLERANCE = 1e-10;
    private static final FitOptions DEFAULTS = new FitOptions(new Fields());
    private final DetectionFunction detectionFunction;
    private final LikelihoodOptions likelihood;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double gainTolerance;
    private final double[] start;
    private final java.util.Map<org.secr4j.model.RealParameter, Double> fixed;
    private final String hcov;
    private final boolean dlambda;
    private final org.secr4j.design.ExtraCovariates extra;
    private final HessianMethod hessianMethod;
    private final boolean coarseFit;

    /** The fields of one instance while a wither changes some of them (holds the defaults when new). */
    private static final class Fields {
        DetectionFunction detectionFunction = DetectionFunction.HN;
        LikelihoodOptions likelihood = LikelihoodOptions.defaults();
        int maxIterations = 200;
        double gradientTolerance = 1e-6;
        double gainTolerance = DEFAULT_GAIN_TOLERANCE;
        double[] start;
        java.util.Map<org.secr4j.model.RealParameter, Double> fixed = java.util.Map.of();
        String hcov;
        boolean dlambda;
        org.secr4j.design.ExtraCovariates extra = org.secr4j.design.ExtraCovariates.none();
        HessianMethod hessianMethod = HessianMethod.FORWARD;
        boolean coarseFit = true;
    }

    private FitOptions(Fields f) {
        this.detectionFunction = f.detectionFunction;
        this.likelihood = f.likelihood;
        this.maxIterations = f.maxIterations;
        this.gradientTolerance = f.gradientTolerance;
        this.gainTolerance = f.gainTolerance;
        this.start = f.start;
        this.fixed = f.fixed;
        this.hcov = f.hcov;
        this.dlambda = f.dlambda;
        this.extra = f.extra;
        this.hessianMethod = f.hessianMethod;
        this.coarseFit = f.coarseFit;
    }

    /** A copy of these options with the changes {@code change} makes to their fields. */
    private FitOptions copy(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields();
        f.detectionFunction = detectionFunction;
        f.likelihood = likelihood;
        f.maxIterations = maxIterations;
        f.gradientTolerance = gradientTolerance;
        f.gainTolerance = gainTolerance;
        f.start = start;
        f.fixed = fixed;
        f.hcov = hcov;
        f.dlambda = dlambda;
        f.extra = extra;
        f.hessianMethod = hessianMethod;
        f.coarseFit = coarseFit;
        change.accept(f);
        return new FitOptions(f);
    }

    /** HN, full Poisson likelihood, 200 iterations, gradient tolerance 1e-6, automatic start, a coarse stage. */
    public static FitOptions defaults() {
        return DEFAULTS;
    }

    public FitOptions with(DetectionFunction fn) {
        return copy(f -> f.detectionFunction = fn);
    }

    public FitOptions with(LikelihoodType type) {
        return with(likelihood.with(type));
    }

    public FitOptions with(PopulationDistribution d) {
        return with(likelihood.with(d));
    }

    public FitOptions with(LikelihoodOptions l) {
        java.util.Objects.requireNonNull(l, "likelihood options");
        return copy(f -> f.likelihood = l);
    }

    public FitOptions withBinomN(int n) {
        return with(likelihood.withBinomN(n));
    }

    public FitOptions withFastProximity(boolean fast) {
        return with(likelihood.withFastProximity(fast));
    }

    public FitOptions withThreads(int threads) {
        return with(likelihood.withThreads(threads));
    }

    /** With the size from which the vector kernel runs ({@link LikelihoodOptions#withVectorMinimumPairs}). */
    public FitOptions withVectorMinimumPairs(long pairs) {
        return with(likelihood.withVectorMinimumPairs(pairs));
    }

    /** With the Vector API kernel allowed or not ({@link LikelihoodOptions#withVectorKernel}). */
    public FitOptions withVectorKernel(boolean vector) {
        return with(likelihood.withVectorKernel(vector));
    }

    /**
     * With the Poisson term of a known-class (hcov) mixture: the model's or R secr's
     * ({@link LikelihoodOptions#withHcovPoissonTerm}; same MLE and log-likelihood, secr's SEs with
     * {@link HcovPoissonTerm#HARMONIC}).
     */
    public FitOptions withHcovPoissonTerm(HcovPoissonTerm term) {
        return with(likelihood.withHcovPoissonTerm(term));
    }

    /** With local evaluation of the likelihood on or off ({@link LikelihoodOptions#withLocalEvaluation}). */
    public FitOptions withLocalEvaluation(boolean local) {
        return with(likelihood.withLocalEvaluation(local));
    }

    /** Maximum quasi-Newton iterations. */
    public FitOptions withMaxIterations(int n) {
        Checks.require(n >= 1, "maxIterations must be >= 1 but was %d", n);
        return copy(f -> f.maxIterations = n);
    }

    /** Convergence when every |∂ log L / ∂β_j| is below this value. */
    public FitOptions withGradientTolerance(double tol) {
        Checks.positive(tol, "gradient tolerance");
        return copy(f -> f.gradientTolerance = tol);
    }

    /**
     * Convergence also where the quasi-Newton step from the current estimate promises to raise log L by less than
     * {@code tol}, \( \tfrac12 g^\top \tilde H^{-1} g < \tau \) with \( \tilde H^{-1} \) the optimizer's
     * inverse Hessian, once that is a curvature estimate, and every |∂ log L / ∂β_j| is below the square root of
     * the gradient tolerance ({@link BfgsMinimizer}). The estimate is then within \( \sqrt{2\tau} \) standard
     * errors of the maximum in each coefficient (1.4e-5 at the default {@link #DEFAULT_GAIN_TOLERANCE}), and
     * log L within about \( \tau \) of it. 0 turns the rule off (convergence on the gradient tolerance only).
     */
    public FitOptions withGainTolerance(double tol) {
        Checks.require(tol >= 0 && Double.isFinite(tol), "gain tolerance must be finite and >= 0 but was %s", tol);
        return copy(f -> f.gainTolerance = tol);
    }

    /** Start values on the link scale, in coefficient order (copied). */
    public FitOptions withStart(double... beta) {
        double[] values = beta.clone();
        return copy(f -> f.start = values);
    }

    /**
     * Holds real parameter {@code p} at {@code value} (secr's {@code fixed}): it gets no
     * coefficient, and its formula must be {@code ~ 1}.
     */
    public FitOptions withFixed(org.secr4j.model.RealParameter p, double value) {
        java.util.Map<org.secr4j.model.RealParameter, Double> m = new java.util.EnumMap<>(org.secr4j.model.RealParameter.class);
        m.putAll(fixed);
        m.put(p, value);
        return copy(f -> f.fixed = java.util.Map.copyOf(m));
    }

    /**
     * A two-class mixture whose class is the individual covariate {@code covariate} when known
     * (secr's {@code hcov}, e.g. "sex"): pmix is then the class proportion, and formulas may use h2.
     * The full likelihood is by default the model's own: \( n_h \sim \mathrm{Poisson}(D\pi_h a_h) \). At the MLE
     * it agrees with secr's, and so does every SE except that of D. secr's covariance is that of a Poisson
     * term in the harmonic esa \( n/\sum_i a_{h_i}^{-1} \), which leaves pmix out of the expected n, so
     * its SE(β_D) is smaller (1.07% on blackbear); the model's equals the CV of secr's own derived D.
     * {@link #withHcovPoissonTerm} with {@link HcovPoissonTerm#HARMONIC} gives secr's.
     */
    public FitOptions withHcov(String covariate) {
        return copy(f -> f.hcov = covariate);
    }

    /**
     * secr's {@code details$Dlambda}: D as the first session's density and session-on-session rates
     * λ, which D's formula then models ({@link org.secr4j.design.ParameterLayout#withDlambda()}).
     */
    public FitOptions withDlambda(boolean on) {
        return copy(f -> f.dlambda = on);
    }

    /**
     * Time covariates (one row per occasion) for detection formulas (secr's {@code timecov}); see
     * {@link org.secr4j.design.ExtraCovariates}.
     */
    public FitOptions withTimeCovariates(org.secr4j.covariate.CovariateTable time) {
        return copy(f -> f.extra = extra.withTime(time));
    }

    /** Session covariates (one row per session, in session order) for detection formulas (secr's {@code sessioncov}). */
    public FitOptions withSessionCovariates(org.secr4j.covariate.CovariateTable session) {
        return copy(f -> f.extra = extra.withSession(session));
    }

    /**
     * Groups formed by these individual factor covariates (secr's {@code groups}, e.g. "sex"): each
     * group a population with its own density; formulas may use {@code g} (e.g. {@code D~g}, {@code sigma~g}).
     */
    public FitOptions withGroups(String... covariates) {
        return copy(f -> f.extra = extra.withGroups(java.util.List.of(covariates)));
    }

    /**
     * How the Hessian at the MLE is computed ({@link HessianMethod#FORWARD} by default, p gradient calls;
     * {@link HessianMethod#GRADIENT}, central differences, 2p calls and 100 times more accurate;
     * {@link HessianMethod#NLM} reproduces the SEs of secr's Newton–Raphson fits).
     */
    public FitOptions withHessianMethod(HessianMethod method) {
        java.util.Objects.requireNonNull(method, "method");
        return copy(f -> f.hessianMethod = method);
    }

    /**
     * With the coarse stage on (the default) or off ({@link CoarseFit}): before the fit on the given masks, the same
     * model is fitted on those masks thinned as for the start values (about 600 points, spacing no wider than the
     * start's σ), and the fit starts from that estimate, with the inverse of the Hessian there as BFGS's first
     * matrix. The estimate is the full masks' MLE either way (the optimizer's tolerance decides it, not the
     * start); the full likelihood is evaluated about half as often. The stage is skipped where thinning would not
     * halve the points.
     */
    public FitOptions withCoarseFit(boolean on) {
        return copy(f -> f.coarseFit = on);
    }

    /** Whether a coarse stage on thinned masks starts the fit ({@link #withCoarseFit}). */
    public boolean coarseFit() {
        return coarseFit;
    }

    /** How the Hessian at the MLE is computed. */
    public HessianMethod hessianMethod() {
        return hessianMethod;
    }

    /** The time and session covariates and groups (none by default). */
    public org.secr4j.design.ExtraCovariates extraCovariates() {
        return extra;
    }

    /** Whether D is fitted in the Dlambda parameterisation. */
    public boolean dlambda() {
        return dlambda;
    }

    /** The hcov covariate, or null. */
    public String hcov() {
        return hcov;
    }

    /** The fixed real parameters. */
    public java.util.Map<org.secr4j.model.RealParameter, Double> fixed() {
        return fixed;
    }

    public DetectionFunction detectionFunction() {
        return detectionFunction;
    }

    public LikelihoodOptions likelihood() {
        return likelihood;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public double gradientTolerance() {
        return gradientTolerance;
    }

    /** The gain tolerance ({@link #withGainTolerance}). */
    public double gainTolerance() {
        return gainTolerance;
    }

    /** User start values, or null for automatic ones. */
    public double[] start() {
        return start == null ? null : start.clone();
    }
}
