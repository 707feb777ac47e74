package org.secr4j.simulate;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.secr4j.util.Checks;

/**
 * Power to detect a yearly change in density \( \lambda \) (e.g. 0.95, a 5% decline) from
 * {@code years} yearly surveys, by the log-linear regression of \( \log\hat D_t \) on year, weighted
 * by the estimates' variances, and a two-sided Wald test of zero slope at level \(\alpha\).
 *
 * <p>Approximation: \( D_t = D_1\lambda^{t-1} \); the counts \(n_t, r_t\) are proportional to
 * \(D_t\), so the rule-of-thumb RSE of year \(t\) is \( c_t = c_1 \lambda^{-(t-1)/2} \)
 * ({@link ExpectedCounts#rseApproximation}); \( \mathrm{Var}\log\hat D_t = \log(1 + c_t^2) \),
 * \( w_t = 1/\mathrm{Var}\log\hat D_t \), \( \mathrm{SE}(\hat b) = (\sum_t w_t (t - \bar t_w)^2)^{-1/2} \),
 * and power \( \Phi(|\log\lambda|/\mathrm{SE} - z_{1-\alpha/2}) + \Phi(-|\log\lambda|/\mathrm{SE} - z_{1-\alpha/2}) \).
 *
 * <p>Simulation: each replicate simulates every year's survey from the scenario with
 * \( D_t = D_1\lambda^{t-1} \), fits it ({@link SimulationStudy#replicate}) and applies the same
 * weighted regression to the estimates and their SEs (delta method on the log scale); power is the
 * fraction of replicates (with every year fitted) whose test rejects. Streams are split as in
 * {@link SimulationStudy}, so results do not depend on the number of threads.
 */
public final class TrendPower {
    /** The outcome of a power calculation. */
    public record Result(double power, double slopeSe, int replicates, int usable) {}

    private TrendPower() {}

    /** Power by the approximation, from the first year's RSE. */
    public static Result approximate(double firstYearRse, double lambda, int years, double alpha) {
        Checks.positive(firstYearRse, "first-year RSE");
        checkDesign(lambda, years, alpha);
        double[] variance = new double[years];
        for (int t = 0; t < years; t++) {
            double c = firstYearRse * Math.pow(lambda, -t / 2.0);
            variance[t] = Math.log(1 + c * c);
        }
        double se = slopeSe(variance);
        return new Result(power(Math.log(lambda), se, alpha), se, 0, 0);
    }

    /**
     * Power by simulation: {@code replicates} series of {@code years} surveys of {@code scenario}
     * (its density is year 1's).
     */
    public static Result simulate(SimulationScenario scenario, double lambda, int years, double alpha, int replicates,
            long seed, int threads) {
        checkDesign(lambda, years, alpha);
        Checks.require(replicates >= 1 && threads >= 1, "replicates and threads must be >= 1");
        SplittableRandom root = new SplittableRandom(seed);
        RandomGenerator[][] streams = new RandomGenerator[replicates][];
        for (int r = 0; r < replicates; r++) {
            streams[r] = Parallel.streams(root, years);
        }
        Boolean[] rejects = new Boolean[replicates];
        Parallel.forEachIndex(replicates, threads, "power", ri -> rejects[ri] = yearlyTest(years, alpha,
                t -> SimulationStudy.replicate(scenario.withDensity(scenario.densityPerHectare() * Math.pow(lambda, t)), t,
                        streams[ri][t])));
        return tally(rejects);
    }

    /**
     * Fits every year in order ({@code fitYear.apply(t)}) and tests the weighted log-linear slope;
     * null when a year's fit is unusable (the replicate is not counted).
     */
    private static Boolean yearlyTest(int years, double alpha, java.util.function.IntFunction<ReplicateResult> fitYear) {
        double[] logD = new double[years];
        double[] var = new double[years];
        for (int t = 0; t < years; t++) {
            ReplicateResult fit = fitYear.apply(t);
            if (!fit.usable()) {
                return null;
            }
            double cv = fit.se() / fit.estimate();
            logD[t] = Math.log(fit.estimate());
            var[t] = Math.log(1 + cv * cv);
        }
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
        return Math.abs(slope(logD, var) / slopeSe(var)) > z;
    }

    /** Power as the share of usable replicates that reject. */
    private static Result tally(Boolean[] rejects) {
        int usable = 0;
        int rejected = 0;
        for (Boolean b : rejects) {
            if (b != null) {
                usable++;
                rejected += b ? 1 : 0;
            }
        }
        return new Result((double) rejected / usable, Double.NaN, rejects.length, usable);
    }

    /**
     * Power by simulation with years linked by survival and recruitment ({@link OpenPopulation}):
     * each replicate simulates one population series with \( D_1 \) the scenario's density, survival
     * \( \phi \) and rate \( \lambda \) (so animals carry over between years, as in a real
     * monitoring programme), surveys every year with the scenario's detectors and simulator, and
     * applies the test of {@link #simulate}. One stream per replicate is split from the seed before
     * running, so results do not depend on the number of threads.
     *
     * @throws IllegalArgumentException if λ &lt; φ or the scenario draws an individual factor (a
     *     factor would be redrawn for survivors each year)
     */
    public static Result simulateOpen(SimulationScenario scenario, double survival, double lambda, int years,
            double alpha, int replicates, long seed, int threads) {
        checkDesign(lambda, years, alpha);
        Checks.require(replicates >= 1 && threads >= 1, "replicates and threads must be >= 1");
        Checks.require(!scenario.hasFactor(), "scenario '%s': open-population power simulations take no individual "
                + "factor (it would be redrawn for survivors every year)", scenario.name());
        Checks.require(survival >= 0 && survival <= 1 && lambda >= survival,
                "need 0 <= survival <= 1 and lambda >= survival but survival = %s, lambda = %s", survival, lambda);
        RandomGenerator[] streams = Parallel.streams(new SplittableRandom(seed), replicates);
        Boolean[] rejects = new Boolean[replicates];
        Parallel.forEachIndex(replicates, threads, "power", ri -> {
            RandomGenerator random = streams[ri];
            java.util.List<Population> pops = OpenPopulation.simulate(scenario.populationMask(),
                    scenario.densityPerHectare(), years, survival, lambda, random);
            rejects[ri] = yearlyTest(years, alpha, t -> SimulationStudy.fit(scenario, t, org.secr4j.capture.CaptureHistory.of(
                    scenario.simulator().simulate("1", pops.get(t), scenario.detectors(), scenario.occasions(), random))));
        });
        return tally(rejects);
    }

    private static void checkDesign(double lambda, int years, double alpha) {
        Checks.require(lambda > 0, "lambda must be > 0 but was %s", lambda);
        Checks.require(years >= 2, "a trend needs at least 2 years but got %d", years);
        Checks.require(alpha > 0 && alpha < 1, "alpha must lie in (0, 1) but was %s", alpha);
    }

    /** Weighted least-squares slope of {@code y} on 0, 1, …, with weights 1/variance. */
    static double slope(double[] y, double[] variance) {
        double sw = 0;
        double st = 0;
        double sy = 0;
        for (int t = 0; t < y.length; t++) {
            double w = 1 / variance[t];
            sw += w;
            st += w * t;
            sy += w * y[t];
        }
        double tBar = st / sw;
        double yBar = sy / sw;
        double num = 0;
        double den = 0;
        for (int t = 0; t < y.length; t++) {
            double w = 1 / variance[t];
            num += w * (t - tBar) * (y[t] - yBar);
            den += w * (t - tBar) * (t - tBar);
        }
        return num / den;
    }

    /** SE of the weighted slope: \( (\sum_t w_t (t - \bar t_w)^2)^{-1/2} \). */
    static double slopeSe(double[] variance) {
        double sw = 0;
        double st = 0;
        for (int t = 0; t < variance.length; t++) {
            sw += 1 / variance[t];
            st += t / variance[t];
        }
        double tBar = st / sw;
        double den = 0;
        for (int t = 0; t < variance.length; t++) {
            den += (t - tBar) * (t - tBar) / variance[t];
        }
        return 1 / Math.sqrt(den);
    }

    static double power(double effect, double se, double alpha) {
        NormalDistribution z = new NormalDistribution();
        double q = z.inverseCumulativeProbability(1 - alpha / 2);
        double e = Math.abs(effect) / se;
        return z.cumulativeProbability(e - q) + z.cumulativeProbability(-e - q);
    }
}
