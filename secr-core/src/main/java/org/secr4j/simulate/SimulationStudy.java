package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.fit.SecrFitter;
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;
import org.secr4j.result.HessianStatus;
import org.secr4j.result.RealEstimate;
import org.secr4j.util.Checks;

/**
 * Runs replicates of simulate → fit for a list of scenarios (secrdesign's {@code run.scenarios}) and
 * summarises them ({@link ScenarioSummary}).
 *
 * <p>Reproducible: the study seed seeds one {@link SplittableRandom}, from which every replicate of
 * every scenario gets its own stream by {@code split()}, in scenario-then-replicate order, before
 * any replicate runs. A replicate is a pure function of (scenario, its stream)
 * ({@link #replicate}); fits run single-threaded inside a replicate. So the results are identical
 * for any number of threads, and a replicate can be re-run alone.
 *
 * <p>Thread-safe (stateless).
 */
public final class SimulationStudy {
    private SimulationStudy() {}

    /**
     * Runs {@code replicates} replicates of each scenario on {@code threads} threads.
     *
     * @param progress told the number of replicates finished so far (from worker threads), or null
     * @return one summary per scenario, in order
     */
    public static List<ScenarioSummary> run(List<SimulationScenario> scenarios, int replicates, long seed, int threads,
            IntConsumer progress) {
        Checks.require(!scenarios.isEmpty(), "give at least one scenario");
        Checks.require(replicates >= 1, "replicates must be >= 1 but was %d", replicates);
        Checks.require(threads >= 1, "threads must be >= 1 but was %d", threads);
        SplittableRandom root = new SplittableRandom(seed);
        RandomGenerator[][] streams = new RandomGenerator[scenarios.size()][];
        for (int s = 0; s < scenarios.size(); s++) {
            streams[s] = Parallel.streams(root, replicates);
        }
        ReplicateResult[][] results = new ReplicateResult[scenarios.size()][replicates];
        int perScenario = replicates;
        Parallel.forEachIndex(scenarios.size() * replicates, threads, "simulation", progress, task -> {
            int si = task / perScenario;
            int ri = task % perScenario;
            results[si][ri] = replicate(scenarios.get(si), ri, streams[si][ri]);
        });
        List<ScenarioSummary> out = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            SimulationScenario sc = scenarios.get(s);
            out.add(ScenarioSummary.of(sc.name(), sc.densityPerHectare(), List.of(results[s])));
        }
        return out;
    }

    /**
     * One replicate: simulate a data set from {@code scenario} with {@code random}, fit the
     * scenario's model and report \( \hat D \) with its SE and interval. A fit that throws, does not
     * converge or has no positive-definite Hessian is reported as such, not dropped.
     */
    public static ReplicateResult replicate(SimulationScenario scenario, int replicate, RandomGenerator random) {
        return fit(scenario, replicate, scenario.simulate(random));
    }

    /** Fits the scenario's model to one simulated data set {@code ch} and reports \( \hat D \) as {@link #replicate}. */
    static ReplicateResult fit(SimulationScenario scenario, int replicate, CaptureHistory ch) {
        int n = ch.animalCount();
        int detections = ch.session(0).detectionCount();
        if (n == 0) {
            return new ReplicateResult(replicate, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                    "no animals detected");
        }
        try {
            FittedModel fit = SecrFitter.with(scenario.fitOptions().withThreads(1))
                    .fit(ch, List.of(scenario.fitMask()), scenario.model());
            RealEstimate d = fit.predict().get(RealParameter.D);
            if (d == null) { // conditional likelihood: the Horvitz-Thompson density of derived()
                org.secr4j.result.Estimate ht = fit.derived().get(0).densityPerHectare();
                d = new RealEstimate("D", org.secr4j.model.Link.LOG, ht.estimate(), ht.se(), ht.lcl(), ht.ucl());
            }
            boolean ok = fit.diagnostics().converged() && fit.diagnostics().hessianStatus() == HessianStatus.OK;
            return new ReplicateResult(replicate, n, detections, d.estimate(), d.se(), d.lcl(), d.ucl(), ok,
                    ok ? null : String.join("; ", fit.warnings()));
        } catch (RuntimeException e) {
            return new ReplicateResult(replicate, n, detections, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                    e.getMessage());
        }
    }
}
