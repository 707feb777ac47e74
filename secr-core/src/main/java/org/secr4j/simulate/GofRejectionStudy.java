package org.secr4j.simulate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.fit.SecrFitter;
import org.secr4j.result.FittedModel;
import org.secr4j.util.Checks;

/**
 * How often the {@link MonteCarloGof} test rejects a model: data sets are simulated from a
 * scenario (the truth), the scenario's model is fitted (possibly a wrong one, e.g. another
 * detection function) and tested; the rejection rate of each statistic at level \(\alpha\) is
 * reported. Streams are split per data set in order, so results do not depend on the threads.
 */
public final class GofRejectionStudy {
    /**
     * Rejection rates, by statistic name, over the data sets whose fit succeeded.
     *
     * @param rates fraction of data sets with p &lt; α, per statistic (individual, detector,
     *     individual-detector)
     */
    public record Result(int datasets, int tested, double alpha, java.util.Map<String, Double> rates) {}

    private GofRejectionStudy() {}

    public static Result run(SimulationScenario truthAndModel, int datasets, int mcReplicates, double alpha, long seed,
            int threads) {
        Checks.require(datasets >= 1 && mcReplicates >= 1 && threads >= 1,
                "datasets, replicates and threads must be >= 1");
        Checks.require(alpha > 0 && alpha < 1, "alpha must lie in (0, 1) but was %s", alpha);
        RandomGenerator[] streams = Parallel.streams(new SplittableRandom(seed), datasets);
        MonteCarloGof.Result[] results = new MonteCarloGof.Result[datasets];
        Parallel.forEachIndex(datasets, threads, "gof", di -> {
            CaptureHistory ch = truthAndModel.simulate(streams[di]);
            if (ch.animalCount() < 2) {
                return;
            }
            try {
                FittedModel fit = SecrFitter.with(truthAndModel.fitOptions().withThreads(1))
                        .fit(ch, List.of(truthAndModel.fitMask()), truthAndModel.model());
                if (fit.vcov() != null) {
                    results[di] = MonteCarloGof.test(fit, mcReplicates, true, streams[di]);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // a failed fit is counted as untested (tested < datasets in the result)
            }
        });
        java.util.Map<String, Double> rates = new java.util.LinkedHashMap<>();
        int tested = 0;
        for (MonteCarloGof.Result r : results) {
            if (r == null) {
                continue;
            }
            tested++;
            for (MonteCarloGof.Statistic s : r.statistics()) {
                rates.merge(s.name(), s.p() < alpha ? 1.0 : 0.0, Double::sum);
            }
        }
        final int n = tested;
        rates.replaceAll((k, v) -> v / n);
        return new Result(datasets, tested, alpha, java.util.Collections.unmodifiableMap(rates));
    }
}
