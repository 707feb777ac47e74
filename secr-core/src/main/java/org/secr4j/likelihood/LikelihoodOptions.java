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
    private static final LikelihoodOptions DEFAULTS =
            new LikelihoodOptions(LikelihoodType.FULL, PopulationDistribution.POISSON, 0, true, 1, false);
    private final LikelihoodType likelihoodType;
    private final PopulationDistribution distribution;
    private final int binomN;
    private final boolean fastProximity;
    private final int threads;
    private final boolean localEvaluation;

    private LikelihoodOptions(LikelihoodType likelihoodType, PopulationDistribution distribution, int binomN,
            boolean fastProximity, int threads, boolean localEvaluation) {
        this.likelihoodType = likelihoodType;
        this.distribution = distribution;
        this.binomN = binomN;
        this.fastProximity = fastProximity;
        this.threads = threads;
        this.localEvaluation = localEvaluation;
    }

    /** Full Poisson likelihood, Poisson counts, collapsed proximity reporting, one thread. */
    public static LikelihoodOptions defaults() {
        return DEFAULTS;
    }

    public LikelihoodOptions with(LikelihoodType type) {
        return new LikelihoodOptions(type, distribution, binomN, fastProximity, threads, localEvaluation);
    }

    public LikelihoodOptions with(PopulationDistribution d) {
        return new LikelihoodOptions(likelihoodType, d, binomN, fastProximity, threads, localEvaluation);
    }

    public LikelihoodOptions withBinomN(int n) {
        Checks.require(n >= 0, "binomN must be >= 0 but was %d", n);
        return new LikelihoodOptions(likelihoodType, distribution, n, fastProximity, threads, localEvaluation);
    }

    public LikelihoodOptions withFastProximity(boolean fast) {
        return new LikelihoodOptions(likelihoodType, distribution, binomN, fast, threads, localEvaluation);
    }

    public LikelihoodOptions withThreads(int n) {
        Checks.require(n >= 1, "threads must be >= 1 but was %d", n);
        return new LikelihoodOptions(likelihoodType, distribution, binomN, fastProximity, n, localEvaluation);
    }

    /**
     * With local evaluation on or off: pairs where the detection function is below
     * {@link #LOCAL_THRESHOLD} are skipped (off: every pair, exact).
     */
    public LikelihoodOptions withLocalEvaluation(boolean local) {
        return new LikelihoodOptions(likelihoodType, distribution, binomN, fastProximity, threads, local);
    }

    public boolean localEvaluation() {
        return localEvaluation;
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
                + fastProximity + ", threads=" + threads + ", localEvaluation=" + localEvaluation + "]";
    }
}
