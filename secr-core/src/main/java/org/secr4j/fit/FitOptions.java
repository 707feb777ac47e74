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
    private static final FitOptions DEFAULTS = new FitOptions(DetectionFunction.HN, LikelihoodOptions.defaults(), 200,
            1e-6, null);
    private final DetectionFunction detectionFunction;
    private final LikelihoodOptions likelihood;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double[] start;
    private final java.util.Map<org.secr4j.model.RealParameter, Double> fixed;
    private final String hcov;
    private final boolean dlambda;
    private final org.secr4j.design.ExtraCovariates extra;
    private final HessianMethod hessianMethod;

    private FitOptions(DetectionFunction fn, LikelihoodOptions likelihood, int maxIterations, double gradientTolerance,
            double[] start) {
        this(fn, likelihood, maxIterations, gradientTolerance, start, java.util.Map.of(), null, false,
                org.secr4j.design.ExtraCovariates.none(), HessianMethod.GRADIENT);
    }

    private FitOptions(DetectionFunction fn, LikelihoodOptions likelihood, int maxIterations, double gradientTolerance,
            double[] start, java.util.Map<org.secr4j.model.RealParameter, Double> fixed, String hcov, boolean dlambda,
            org.secr4j.design.ExtraCovariates extra, HessianMethod hessianMethod) {
        this.hessianMethod = hessianMethod;
        this.extra = extra;
        this.dlambda = dlambda;
        this.fixed = fixed;
        this.hcov = hcov;
        this.detectionFunction = fn;
        this.likelihood = likelihood;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.start = start;
    }

    /** HN, full Poisson likelihood, 200 iterations, gradient tolerance 1e-6, automatic start. */
    public static FitOptions defaults() {
        return DEFAULTS;
    }

    public FitOptions with(DetectionFunction fn) {
        return new FitOptions(fn, likelihood, maxIterations, gradientTolerance, start, fixed, hcov, dlambda, extra, hessianMethod);
    }

    public FitOptions with(LikelihoodType type) {
        return new FitOptions(detectionFunction, likelihood.with(type), maxIterations, gradientTolerance, start, fixed, hcov, dlambda, extra, hessianMethod);
    }

    public FitOptions with(PopulationDistribution d) {
        return new FitOptions(detectionFunction, likelihood.with(d), maxIterations, gradientTolerance, start, fixed, hcov, dlambda, extra, hessianMethod);
    }

    public FitOptions with(LikelihoodOptions l) {
        return new FitOptions(detectionFunction, l, maxIterations, gradientTolerance, start, fixed, hcov, dlambda, extra, hessianMethod);
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
        return new FitOptions(detectionFunction, likelihood, n, gradientTolerance, start, fixed, hcov, dlambda, extra, hessianMethod);
    }

    /** Convergence when every |∂ log L / ∂β_j| is below this value. */
    public FitOptions withGradientTolerance(double tol) {
        Checks.positive(tol, "gradient tolerance");
        return new FitOptions(detectionFunction, likelihood, maxIterations, tol, start, fixed, hcov, dlambda, extra, hessianMethod);
    }

    /** Start values on the link scale, in coefficient order (copied). */
    public FitOptions withStart(double... beta) {
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, beta.clone(), fixed, hcov, dlambda, extra, hessianMethod);
    }

    /**
     * Holds real parameter {@code p} at {@code value} (secr's {@code fixed}): it gets no
     * coefficient, and its formula must be {@code ~ 1}.
     */
    public FitOptions withFixed(org.secr4j.model.RealParameter p, double value) {
        java.util.Map<org.secr4j.model.RealParameter, Double> m = new java.util.EnumMap<>(org.secr4j.model.RealParameter.class);
        m.putAll(fixed);
        m.put(p, value);
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, java.util.Map.copyOf(m),
                hcov, dlambda, extra, hessianMethod);
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
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, fixed, covariate, dlambda, extra, hessianMethod);
    }

    /**
     * secr's {@code details$Dlambda}: D as the first session's density and session-on-session rates
     * λ, which D's formula then models ({@link org.secr4j.design.ParameterLayout#withDlambda()}).
     */
    public FitOptions withDlambda(boolean on) {
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, fixed, hcov, on, extra, hessianMethod);
    }

    /**
     * Time covariates (one row per occasion) for detection formulas (secr's {@code timecov}); see
     * {@link org.secr4j.design.ExtraCovariates}.
     */
    public FitOptions withTimeCovariates(org.secr4j.covariate.CovariateTable time) {
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, fixed, hcov, dlambda,
                extra.withTime(time), hessianMethod);
    }

    /** Session covariates (one row per session, in session order) for detection formulas (secr's {@code sessioncov}). */
    public FitOptions withSessionCovariates(org.secr4j.covariate.CovariateTable session) {
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, fixed, hcov, dlambda,
                extra.withSession(session), hessianMethod);
    }

    /**
     * Groups formed by these individual factor covariates (secr's {@code groups}, e.g. "sex"): each
     * group a population with its own density; formulas may use {@code g} (e.g. {@code D~g}, {@code sigma~g}).
     */
    public FitOptions withGroups(String... covariates) {
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, fixed, hcov, dlambda,
                extra.withGroups(java.util.List.of(covariates)), hessianMethod);
    }

    /**
     * How the Hessian at the MLE is computed ({@link HessianMethod#GRADIENT} by default;
     * {@link HessianMethod#NLM} reproduces the SEs of secr's Newton–Raphson fits).
     */
    public FitOptions withHessianMethod(HessianMethod method) {
        java.util.Objects.requireNonNull(method, "method");
        return new FitOptions(detectionFunction, likelihood, maxIterations, gradientTolerance, start, fixed, hcov, dlambda,
                extra, method);
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

    /** User start values, or null for automatic ones. */
    public double[] start() {
        return start == null ? null : start.clone();
    }
}
