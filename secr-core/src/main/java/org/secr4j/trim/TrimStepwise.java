package org.secr4j.trim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.secr4j.util.Checks;

/**
 * TRIM's stepwise selection of model 2 changepoints (TRIM 3 manual, section 2.5): starting from all
 * the changepoints given, the changepoint whose Wald test is least significant is deleted while its
 * p-value exceeds {@code pRemove} (TRIM: 0.20), and after each deletion a previously deleted
 * changepoint is re-entered when its score test has p below {@code pEnter} (TRIM: 0.15). The
 * procedure stops when neither happens. It keeps at least one changepoint (model 2 without any is
 * model 1) and never returns to a set of changepoints it has already fitted.
 *
 * <p>The score test of re-entering changepoint \(c\) is evaluated at the current fit: the current
 * \(\hat\beta\) is written in the design with \(c\) added (both halves of the split segment keep the
 * segment's slopes), where the profiled score \(U\) vanishes in the directions of the current model,
 * and \( S = U^\top I^{-1} U / \hat\sigma^2 \) (\(I\) the profiled information of the larger model)
 * is referred to \(\chi^2\) on as many df as the changepoint has parameters.
 *
 * <p>Thread-safe (stateless).
 */
public final class TrimStepwise {
    /** TRIM's threshold for deleting a changepoint. */
    public static final double DEFAULT_P_REMOVE = 0.20;
    /** TRIM's threshold for re-entering a deleted changepoint. */
    public static final double DEFAULT_P_ENTER = 0.15;

    /** One step: a changepoint deleted (by its Wald test) or re-entered (by its score test). */
    public record Step(int changepoint, boolean deleted, double statistic, int df, double p) {}

    /**
     * The outcome.
     *
     * @param initial the fit with every changepoint given
     * @param steps the deletions and re-entries in order
     * @param selected the fit with the remaining changepoints
     */
    public record Selection(TrimResult initial, List<Step> steps, TrimResult selected) {
        public Selection {
            steps = List.copyOf(steps);
        }

        /** The remaining changepoints (1-based time points). */
        public int[] changepoints() {
            return selected.options().changepoints();
        }
    }

    private TrimStepwise() {}

    /** Selection with TRIM's thresholds (delete above 0.20, re-enter below 0.15). */
    public static Selection select(TrimData data, TrimOptions options) {
        return select(data, options, DEFAULT_P_REMOVE, DEFAULT_P_ENTER);
    }

    /**
     * Selects changepoints, starting from {@code options.changepoints()}.
     *
     * @throws IllegalArgumentException for a model other than 2, or thresholds outside (0, 1) or with
     *     {@code pEnter > pRemove} (which could cycle)
     */
    public static Selection select(TrimData data, TrimOptions options, double pRemove, double pEnter) {
        Checks.require(options.model() == TrimModel.LINEAR_TREND,
                "stepwise selection chooses changepoints of model 2, not model %d", options.model().number());
        Checks.require(pRemove > 0 && pRemove < 1 && pEnter > 0 && pEnter < 1,
                "thresholds must lie in (0, 1): remove %s, enter %s", pRemove, pEnter);
        Checks.require(pEnter <= pRemove, "the entry threshold %s must not exceed the removal threshold %s", pEnter,
                pRemove);
        TreeSet<Integer> active = new TreeSet<>();
        Arrays.stream(options.changepoints()).forEach(active::add);
        TrimResult initial = TrimFitter.fit(data, options);
        TrimResult current = initial;
        TreeSet<Integer> deleted = new TreeSet<>();
        List<Step> steps = new ArrayList<>();
        Set<Set<Integer>> visited = new HashSet<>();
        visited.add(Set.copyOf(active));
        while (true) {
            Step worst = null;
            if (active.size() > 1) {
                for (TrimResult.WaldTest w : current.waldTests()) {
                    if (w.name().startsWith("changepoint ") && (worst == null || w.p() > worst.p())) {
                        int cp = Integer.parseInt(w.name().substring("changepoint ".length()));
                        worst = new Step(cp, true, w.statistic(), w.df(), w.p());
                    }
                }
            }
            if (worst == null || worst.p() <= pRemove || !visited.add(without(active, worst.changepoint()))) {
                break;
            }
            active.remove(worst.changepoint());
            deleted.add(worst.changepoint());
            steps.add(worst);
            current = TrimFitter.fit(data, options.withChangepoints(ints(active)));
            Step best = null;
            for (int cp : deleted) {
                if (cp == worst.changepoint()) {
                    continue;
                }
                Step s = scoreTest(current, options, active, cp);
                if (best == null || s.p() < best.p()) {
                    best = s;
                }
            }
            if (best != null && best.p() < pEnter && visited.add(with(active, best.changepoint()))) {
                active.add(best.changepoint());
                deleted.remove(best.changepoint());
                steps.add(best);
                current = TrimFitter.fit(data, options.withChangepoints(ints(active)));
            }
        }
        return new Selection(initial, steps, current);
    }

    /** The score test of adding changepoint {@code cp} to the model of {@code fit}. */
    static Step scoreTest(TrimResult fit, TrimOptions options, Set<Integer> active, int cp) {
        TrimOptions larger = options.withChangepoints(ints(with(active, cp)));
        TrimDesign small = fit.design();
        TrimDesign big = new TrimDesign(fit.data(), larger);
        double[] beta = new double[big.parameters()];
        double[] current = fit.state().beta;
        for (int k = 0; k < big.changepoints.length; k++) {
            int from = -1;
            for (int r = 0; r < small.changepoints.length; r++) {
                if (small.changepoints[r] <= big.changepoints[k]) {
                    from = r;
                }
            }
            if (from < 0) {
                continue; // before the first changepoint the slope is zero
            }
            int[] target = big.segmentColumns.get(k);
            int[] source = small.segmentColumns.get(from);
            for (int q = 0; q < target.length; q++) {
                beta[target[q]] = current[source[q]];
            }
        }
        TrimFitter.State state = new TrimFitter.State(fit.data(), big, beta, fit.serialCorrelation());
        double[] solved = state.solve(state.score);
        double s = 0;
        for (int c = 0; c < beta.length; c++) {
            s += state.score[c] * solved[c];
        }
        s /= fit.overdispersion();
        int df = big.segmentColumns.get(0).length;
        return new Step(cp, false, s, df, 1 - new ChiSquaredDistribution(df).cumulativeProbability(s));
    }

    private static Set<Integer> without(Set<Integer> set, int value) {
        Set<Integer> out = new TreeSet<>(set);
        out.remove(value);
        return Set.copyOf(out);
    }

    private static Set<Integer> with(Set<Integer> set, int value) {
        Set<Integer> out = new TreeSet<>(set);
        out.add(value);
        return Set.copyOf(out);
    }

    private static int[] ints(Set<Integer> set) {
        return new TreeSet<>(set).stream().mapToInt(Integer::intValue).toArray();
    }
}
