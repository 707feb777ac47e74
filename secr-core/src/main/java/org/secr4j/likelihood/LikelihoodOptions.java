package org.secr4j.likelihood;

import org.secr4j.model.LikelihoodType;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.util.Checks;

/**
 * How the SECR likelihood is evaluated and reported.
 *
 * <ul>
 *   <li>{@code likelihoodType}: full (D estimated) or conditional on n.</li>
 *   <li>{@code distribution}: Poisson or binomial N (full likelihood only).</li>
 *   <li>{@code binomN}: count detectors: 0 Poisson counts, 1 binomial with size = usage, N &gt; 1
 *       binomial with size N (secr's {@code binomN}).</li>
 *   <li>{@code fastProximity}: report proximity and Poisson-count data collapsed over occasions
 *       (secr's {@code details$fastproximity}, default true); only the reported constant changes.</li>
 *   <li>{@code threads}: worker threads for the mask pass; results are bit-identical for any count.</li>
 *   <li>{@code localEvaluation}: skip detector–mask pairs where the detection function is below
 *       {@link #LOCAL_THRESHOLD} (treated as 0; off by default: dense and exact).</li>
 *   <li>{@code hcovPoissonTerm}: the Poisson term of a known-class (hcov) mixture, the model's or
 *       R secr's ({@link HcovPoissonTerm}).</li>
 *   <li>{@code vectorKernel}: use the Vector API kernel where the runtime offers it (default true),
 *       for likelihoods of at least {@code vectorMinimumPairs} detector–mask pairs.</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public final class LikelihoodOptions {
    /**
     * Local evaluation treats \( g_0 f(d) \) (or \( \lambda_0 f(d) \)) below this value as 0, skipping
     * those detector–mask pairs.
     */
    public static final double LOCAL_THRESHOLD = 1e-12;
    /**
     * The vector kernel runs by default only for likelihoods of at least this many detector–mask
     * pairs (summed over sessions; under dense evaluation times the classes of a mixture or of individual
     * covariates, each a pass over the pairs: {@link SecrLikelihood#usesVectorKernel}). In a fresh JVM its
     * code is slow until the JIT compiler has made it fast, and in some JVMs the compiled code still allocates its vector values: CLI fits of the small
     * reference cases were 0.3–0.9 s slower with it, and refL (5.95 M pairs) took 5.5–8.1 s with it
     * against 2.0–2.3 s without (benchmarks/RESULTS.md). Warm (JMH) it is about 2.4× faster per
     * evaluation, which pays on the largest surveys (simLarge, 36 M pairs; 500 × 50,000 × 5).
     */
    public static final long DEFAULT_VECTOR_MINIMUM_PAIRS = 20_000_000L;
    private static final LikelihoodOptions DEFAULTS = new LikelihoodOptions(new Fields());
    private final LikelihoodType likelihoodType;
    private final PopulationDistribution distribution;
    private final int binomN;
    private final boolean fastProximity;
    private final int threads;
    private final boolean localEvaluation;
    private final boolean vectorKernel;
    private final long vectorMinimumPairs;
    private final HcovPoissonTerm hcovPoissonTerm;

    /** The fields of one instance while a wither changes some of them (holds the defaults when new). */
    private static final class Fields {
        LikelihoodType likelihoodType = LikelihoodType.FULL;
        PopulationDistribution distribution = PopulationDistribution.POISSON;
        int binomN;
        boolean fastProximity = true;
        int threads = 1;
        boolean localEvaluation;
        boolean vectorKernel = true;
        long vectorMinimumPairs = DEFAULT_VECTOR_MINIMUM_PAIRS;
        HcovPoissonTerm hcovPoissonTerm = HcovPoissonTerm.MIXTURE;
    }

    private LikelihoodOptions(Fields f) {
        this.likelihoodType = f.likelihoodType;
        this.distribution = f.distribution;
        this.binomN = f.binomN;
        this.fastProximity = f.fastProximity;
        this.threads = f.threads;
        this.localEvaluation = f.localEvaluation;
        this.vectorKernel = f.vectorKernel;
        this.vectorMinimumPairs = f.vectorMinimumPairs;
        this.hcovPoissonTerm = f.hcovPoissonTerm;
    }

    /** A copy of these options with the changes {@code change} makes to their fields. */
    private LikelihoodOptions copy(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields();
        f.likelihoodType = likelihoodType;
        f.distribution = distribution;
        f.binomN = binomN;
        f.fastProximity = fastProximity;
        f.threads = threads;
        f.localEvaluation = localEvaluation;
        f.vectorKernel = vectorKernel;
        f.vectorMinimumPairs = vectorMinimumPairs;
        f.hcovPoissonTerm = hcovPoissonTerm;
        change.accept(f);
        return new LikelihoodOptions(f);
    }

    /** Full Poisson likelihood, Poisson counts, collapsed proximity reporting, one thread. */
    public static LikelihoodOptions defaults() {
        return DEFAULTS;
    }

    public LikelihoodOptions with(LikelihoodType type) {
        java.util.Objects.requireNonNull(type, "likelihood type");
        return copy(f -> f.likelihoodType = type);
    }

    public LikelihoodOptions with(PopulationDistribution d) {
        java.util.Objects.requireNonNull(d, "population distribution");
        return copy(f -> f.distribution = d);
    }

    public LikelihoodOptions withBinomN(int n) {
        Checks.require(n >= 0, "binomN must be >= 0 but was %d", n);
        return copy(f -> f.binomN = n);
    }

    public LikelihoodOptions withFastProximity(boolean fast) {
        return copy(f -> f.fastProximity = fast);
    }

    public LikelihoodOptions withThreads(int n) {
        Checks.require(n >= 1, "threads must be >= 1 but was %d", n);
        return copy(f -> f.threads = n);
    }

    /**
     * With local evaluation on or off: pairs where the detection function is below
     * {@link #LOCAL_THRESHOLD} are skipped (off: every pair, exact).
     */
    public LikelihoodOptions withLocalEvaluation(boolean local) {
        return copy(f -> f.localEvaluation = local);
    }

    public boolean localEvaluation() {
        return localEvaluation;
    }

    /**
     * With the Vector API kernel allowed (the default) or not. It is used only where the runtime has
     * {@code jdk.incubator.vector} ({@link #vectorKernelAvailable()}; start the JVM with
     * {@code --add-modules jdk.incubator.vector}, as the CLI does) and only for the model it covers
     * (proximity detectors at unit usage, one detection-parameter combination, g-type half-normal);
     * elsewhere, and with {@code false}, the exact scalar kernel runs. The two differ by rounding only
     * (relative 1e-12 or less on the log-likelihood).
     */
    public LikelihoodOptions withVectorKernel(boolean vector) {
        return copy(f -> f.vectorKernel = vector);
    }

    public boolean vectorKernel() {
        return vectorKernel;
    }

    /**
     * With the size from which the vector kernel is used (detector–mask pairs over all sessions, times the
     * classes; default {@link #DEFAULT_VECTOR_MINIMUM_PAIRS}; 0: whenever allowed and available).
     */
    public LikelihoodOptions withVectorMinimumPairs(long pairs) {
        Checks.require(pairs >= 0, "vector kernel minimum pairs must be >= 0, got %d", pairs);
        return copy(f -> f.vectorMinimumPairs = pairs);
    }

    public long vectorMinimumPairs() {
        return vectorMinimumPairs;
    }

    /**
     * Whether a likelihood of {@code pairs} detector–mask pairs runs the vector kernel (where its
     * model is covered): allowed, available on this runtime, and at least {@link #vectorMinimumPairs()}.
     */
    public boolean usesVectorKernel(long pairs) {
        return vectorKernel && pairs >= vectorMinimumPairs && vectorKernelAvailable(); // asks last: it loads the Vector API
    }

    /** Whether this runtime offers the Vector API kernel (module present, at least four double lanes). */
    public static boolean vectorKernelAvailable() {
        return ProximityPass.vectorAvailable();
    }

    /**
     * With the Poisson term of a known-class (hcov) mixture's full likelihood: the model's own
     * ({@link HcovPoissonTerm#MIXTURE}, the default) or R secr's ({@link HcovPoissonTerm#HARMONIC}: the
     * same MLE and log-likelihood, secr's standard errors).
     */
    public LikelihoodOptions withHcovPoissonTerm(HcovPoissonTerm term) {
        Checks.require(term != null, "hcovPoissonTerm must not be null");
        return copy(f -> f.hcovPoissonTerm = term);
    }

    public HcovPoissonTerm hcovPoissonTerm() {
        return hcovPoissonTerm;
    }

    public LikelihoodType likelihoodType() {
        return likelihoodType;
    }

    public PopulationDistribution distribution() {
        return distribution;
    }

    public int binomN() {
        return binomN;
    }

    public boolean fastProximity() {
        return fastProximity;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return "LikelihoodOptions[" + likelihoodType + ", " + distribution + ", binomN=" + binomN + ", fastProximity="
                + fastProximity + ", threads=" + threads + ", localEvaluation=" + localEvaluation + ", vectorKernel=" + vectorKernel
                + ", vectorMinimumPairs=" + vectorMinimumPairs + ", hcovPoissonTerm=" + hcovPoissonTerm + "]";
    }
}
