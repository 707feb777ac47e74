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
        RandomGenerator[][] streams = new RandomGenerator[replicates][years];
        for (int r = 0; r < replicates; r++) {
            for (int t = 0; t < years; t++) {
                streams[r][t] = root.split();
            }
        }
        Boolean[] rejects = new Boolean[replicates];
        Parallel.forEachIndex(replicates, threads, "power", ri -> {
            double[] logD = new double[years];
            double[] var = new double[years];
            for (int t = 0; t < years; t++) {
                SimulationScenario year = scenario.withDensity(scenario.densityPerHectare() * Math.pow(lambda, t));
                ReplicateResult fit = SimulationStudy.replicate(year, t, streams[ri][t]);
                if (!fit.usable()) {
                    return;
                }
                double cv = fit.se() / fit.estimate();
                logD[t] = Math.log(fit.estimate());
                var[t] = Math.log(1 + cv * cv);
            }
            double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
            rejects[ri] = Math.abs(slope(logD, var) / slopeSe(var)) > z;
        });
        int usable = 0;
        int rejected = 0;
        for (Boolean b : rejects) {
            if (b != null) {
                usable++;
                rejected += b ? 1 : 0;
            }
        }
        return new Result((double) rejected / usable, Double.NaN, replicates, usable);
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
