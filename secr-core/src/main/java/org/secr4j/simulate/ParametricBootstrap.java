package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;
import org.secr4j.result.Deviance;
import org.secr4j.result.FittedModel;
import org.secr4j.util.Checks;

/**
 * Parametric bootstrap of a fitted model (secr's {@code secr.test} with {@code fit = TRUE}, and
 * bootstrap standard errors as in Efford's {@code sim.secr}): data sets are simulated from the fitted
 * model at \( \hat\beta \) with the same detectors, occasions, usage and mask, the model is refitted
 * to each, and
 * <ul>
 *   <li>the goodness-of-fit statistic deviance/df ({@link Deviance#perDf()}) of the original fit
 *       is compared with its simulated distribution: \( p = (1 + \#\{T^* \ge T\}) / (1 + R) \),
 *       R the number of refits that converged (secr.test's rank-based p-value);</li>
 *   <li>the standard deviation of the refitted coefficients estimates their sampling error
 *       (the bootstrap SE), to set beside the asymptotic SE from the Hessian.</li>
 * </ul>
 * Populations: Poisson (or, for binomial N, fixed \( \hat N = \hat D|M| \)) over the fit's mask with
 * the fitted density; for a conditional-likelihood fit the Horvitz–Thompson density
 * \( n/\hat a \). Supported: one session, every detection parameter constant ({@code ~1}), the
 * detector types the {@link CaptureSimulator} simulates.
 *
 * <p>Reproducible: every replicate has its own stream split from the seed in order before any
 * runs, and refits are single-threaded, so results do not depend on the number of threads. Refits
 * that throw or do not converge are counted and reported, not dropped silently.
 */
public final class ParametricBootstrap {
    /**
     * The outcome.
     *
     * @param replicates replicates simulated
     * @param fitted replicates whose refit converged (used below)
     * @param coefficientNames names of the coefficients
     * @param beta the original MLE
     * @param asymptoticSe SEs of the original fit (from its Hessian)
     * @param bootstrapMean mean of the refitted coefficients
     * @param bootstrapSe standard deviation of the refitted coefficients
     * @param observedDevianceDf deviance/df of the original fit
     * @param simulatedDevianceDf deviance/df of each converged refit, in replicate order
     * @param p the goodness-of-fit p-value
     * @param failures one line per replicate that failed (its number and why)
     */
    public record Result(int replicates, int fitted, List<String> coefficientNames, double[] beta,
            double[] asymptoticSe, double[] bootstrapMean, double[] bootstrapSe, double observedDevianceDf,
            double[] simulatedDevianceDf, double p, List<String> failures) {
        public Result {
            coefficientNames = List.copyOf(coefficientNames);
            failures = List.copyOf(failures);
        }
    }

    private ParametricBootstrap() {}

    /**
     * Runs {@code replicates} replicates on {@code threads} threads.
     *
     * @param progress told the number of replicates finished (from worker threads), or null
     * @throws IllegalArgumentException for a model the bootstrap does not support (named)
     */
    public static Result run(FittedModel fit, int replicates, long seed, int threads, IntConsumer progress) {
        Checks.require(replicates >= 1, "replicates must be >= 1 but was %d", replicates);
        Checks.require(threads >= 1, "threads must be >= 1 but was %d", threads);
        CaptureHistory original = fit.captureHistory();
        Checks.require(original.sessionCount() == 1, "the parametric bootstrap takes one session but the fit has %d",
                original.sessionCount());
        ParameterLayout layout = fit.layout();
        Checks.require(layout.isConstant(), "the parametric bootstrap needs every parameter constant (~1) but the "
                + "model is %s", fit.spec());
        Session session = original.session(0);
        HabitatMask mask = fit.masks().get(0);
        DetectionFunction fn = layout.detectionFunction();
        double[] beta = fit.beta();
        double a = layout.real(fn.intercept(), beta);
        double sigma = layout.real(RealParameter.SIGMA, beta);
        double z = fn.hasShape() ? layout.real(RealParameter.Z, beta) : 0;
        boolean full = layout.likelihoodType() == LikelihoodType.FULL;
        double density = full ? layout.real(RealParameter.D, beta)
                : fit.derived().get(0).densityPerHectare().estimate();
        boolean binomial = full && fit.likelihoodOptions().distribution() == PopulationDistribution.BINOMIAL;
        CaptureSimulator simulator = CaptureSimulator.of(fn, a, sigma, z, fit.likelihoodOptions().binomN());
        FitOptions options = FitOptions.defaults().with(fn).with(fit.likelihoodOptions()).withThreads(1)
                .withStart(beta);
        for (Map.Entry<RealParameter, Double> f : layout.fixed().entrySet()) {
            options = options.withFixed(f.getKey(), f.getValue());
        }
        final FitOptions refitOptions = options;

        RandomGenerator[] streams = Parallel.streams(new SplittableRandom(seed), replicates);
        double[][] betas = new double[replicates][];
        double[] devDf = new double[replicates];
        String[] failure = new String[replicates];
        Parallel.forEachIndex(replicates, threads, "bootstrap", progress, r -> {
            RandomGenerator random = streams[r];
            Population pop = binomial ? Population.fixedN(mask, (int) Math.round(density * mask.areaHectares()), random)
                    : Population.poisson(mask, density, random);
            Session sim = simulator.simulate(session.id(), pop, session.detectors(), session.occasions(), random);
            if (sim.animals() == 0) {
                failure[r] = "replicate " + (r + 1) + ": no animals detected";
            } else {
                try {
                    FittedModel refit = SecrFitter.with(refitOptions).fit(CaptureHistory.of(sim), List.of(mask),
                            fit.spec());
                    if (refit.diagnostics().converged()) {
                        betas[r] = refit.beta();
                        devDf[r] = Deviance.of(refit).perDf();
                    } else {
                        failure[r] = "replicate " + (r + 1) + ": the refit did not converge";
                    }
                } catch (RuntimeException e) {
                    failure[r] = "replicate " + (r + 1) + ": " + e.getMessage();
                }
            }
        });

        int p = beta.length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        List<Double> simulated = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int fitted = 0;
        for (int r = 0; r < replicates; r++) {
            if (betas[r] == null) {
                failures.add(failure[r]);
                continue;
            }
            fitted++;
            simulated.add(devDf[r]);
            for (int j = 0; j < p; j++) {
                mean[j] += betas[r][j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= fitted;
        }
        for (double[] b : betas) {
            if (b != null) {
                for (int j = 0; j < p; j++) {
                    sd[j] += (b[j] - mean[j]) * (b[j] - mean[j]);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = fitted > 1 ? Math.sqrt(sd[j] / (fitted - 1)) : Double.NaN;
        }
        double observed = Deviance.of(fit).perDf();
        int exceed = 0;
        for (double t : simulated) {
            if (t >= observed) {
                exceed++;
            }
        }
        double[][] v = fit.vcov();
        double[] se = new double[p];
        for (int j = 0; j < p; j++) {
            se[j] = Math.sqrt(v[j][j]);
        }
        return new Result(replicates, fitted, fit.coefficientNames(), beta, se, mean, sd, observed,
                simulated.stream().mapToDouble(Double::doubleValue).toArray(),
                (1.0 + exceed) / (1.0 + fitted), failures);
    }
}
