package org.secr4j.fit;

import java.util.List;
import java.util.function.Function;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.mask.HabitatMask;
import org.secr4j.result.CoarseStage;

/**
 * The coarse stage of a fit ({@link FitOptions#withCoarseFit}): the same model fitted by BFGS on the masks thinned
 * as for the start values ({@link StartValues#thinnedMasks}: about 600 points, spacing no wider than the start's σ),
 * from the start values, and then the inverse of the Hessian at its estimate by forward differences of the
 * analytic gradient ({@link SecrFitter#forwardHessian}).
 *
 * <p>Why: the likelihood on a thinned mask is the same integral over the habitat summed on a coarser grid, so its
 * maximum is near the full mask's and its curvature nearly the same. Started from there, with that curvature as
 * BFGS's first inverse Hessian (its Newton step), the fit on the full masks converges in two to six iterations (two or
 * three on most reference cases, against five to 25 from the start values); the
 * stage's own evaluations cost about the thinning's ratio of points less each (a ninth on a 3,936-point mask
 * thinned to 442). On the 22 fits of {@code ../shared/reference} the full likelihood was evaluated 5 to 11 times
 * instead of 10 to 36, and each fit reached the same estimate (log-likelihood within 1e-12; see
 * {@code benchmarks/RESULTS.md}). It is the nested iteration of multigrid methods (solve on the coarse grid, start the
 * fine one from there) with one coarse level; the answer is the full masks' MLE to the optimizer's tolerance, the
 * coarse stage only chooses where the search for it starts.
 *
 * <p>Stateless; thread-safe.
 */
final class CoarseFit {
    private CoarseFit() {}

    /**
     * What the stage found.
     *
     * @param estimate its MLE on the thinned masks, or null where it has none to offer
     * @param inverseHessianSeed BFGS's first inverse Hessian ({@link SecrFitter#seedInverseHessian}), or null
     * @param maskPoints the thinned masks' points together
     * @param evaluations its log-likelihood + gradient evaluations
     * @param note why there is no estimate ("" where there is one)
     */
    record Outcome(double[] estimate, double[][] inverseHessianSeed, int maskPoints, int evaluations, String note) {
        /** Whether there is an estimate and a seed to start from. */
        boolean found() {
            return estimate != null && inverseHessianSeed != null;
        }

        /** The diagnostics' account of the stage, {@code used} by the fit or not (and then why not). */
        CoarseStage stage(boolean used, String why) {
            return new CoarseStage(maskPoints, evaluations, used, used ? "" : note.isEmpty() ? why : note);
        }

        static Outcome without(int maskPoints, int evaluations, String note) {
            return new Outcome(null, null, maskPoints, evaluations, note);
        }
    }

    /**
     * The stage's likelihood on the thinned masks, built before the start values so that their intercept climb can
     * run on it ({@link StartValues#compute(CaptureHistory, List, ParameterLayout, LikelihoodOptions, SecrLikelihood)})
     * instead of on a likelihood of its own; or, where the fit's model does not bind to the thinned masks, the
     * reason. Closing it closes the likelihood.
     */
    static final class Stage implements AutoCloseable {
        private final List<HabitatMask> thin;
        private final int points;
        private final SecrLikelihood likelihood;
        private final String note;
        /** The start values' climb's evaluation of {@link #likelihood} at its best candidate, and where it took it. */
        private double[] climbedAt;
        private SecrLikelihood.Evaluation climbed;

        private Stage(List<HabitatMask> thin, SecrLikelihood likelihood, String note) {
            this.thin = thin;
            int n = 0;
            for (HabitatMask m : thin) {
                n += m.size();
            }
            this.points = n;
            this.likelihood = likelihood;
            this.note = note;
        }

        /** The masks thinned as for the start values ({@link StartValues#thinnedMasks}). */
        List<HabitatMask> masks() {
            return thin;
        }

        /** The likelihood of the fit's model on the thinned masks, or null where there is none (see the note). */
        SecrLikelihood likelihood() {
            return likelihood;
        }

        /** Records the evaluation of {@link #likelihood} at the climb's best candidate {@code x} (not modified later). */
        void remember(double[] x, SecrLikelihood.Evaluation e) {
            climbedAt = x;
            climbed = e;
        }

        /** The climb's evaluation if it was taken at exactly {@code x}, or null. */
        SecrLikelihood.Evaluation evaluatedAt(double[] x) {
            return climbedAt != null && java.util.Arrays.equals(climbedAt, x) ? climbed : null;
        }

        @Override
        public void close() {
            if (likelihood != null) {
                likelihood.close();
            }
        }
    }

    /**
     * Thins the masks and builds the stage's likelihood, or returns null where thinning would not halve the points
     * ({@link StartValues#thinnedMasks}).
     *
     * @param bind the fit's layout bound to other masks (the same model, data and options)
     * @param coefficients the fit's coefficient names: the stage runs only where the thinned masks give the same
     *     (a factor level of a mask covariate that thinning removed would drop a coefficient)
     */
    static Stage prepare(CaptureHistory history, List<HabitatMask> masks, Function<List<HabitatMask>, ParameterLayout> bind,
            List<String> coefficients, LikelihoodOptions options) {
        List<HabitatMask> thin = StartValues.thinnedMasks(history, masks);
        if (thin == null) {
            return null;
        }
        ParameterLayout layout;
        try {
            layout = bind.apply(thin);
        } catch (IllegalArgumentException e) {
            return new Stage(thin, null, "the model does not fit the thinned mask: " + e.getMessage());
        }
        if (!layout.coefficientNames().equals(coefficients)) {
            return new Stage(thin, null, "the thinned mask gives the coefficients " + layout.coefficientNames()
                    + ", not " + coefficients);
        }
        return new Stage(thin, SecrLikelihood.of(history, thin, layout, options), "");
    }

    /**
     * Runs the stage on its likelihood from the start values (link scale, coefficient order).
     */
    static Outcome run(Stage stage, double[] start, int maxIterations, double gradientTolerance, double gainTolerance) {
        int points = stage.points;
        SecrLikelihood likelihood = stage.likelihood;
        if (likelihood == null) {
            return Outcome.without(points, 0, stage.note);
        }
        int[] evaluations = {0};
        SecrFitter.EvaluationMemo memo = new SecrFitter.EvaluationMemo();
        Objective f = SecrFitter.negativeLogLikelihood(likelihood, evaluations, memo);
        double[] g = new double[start.length];
        // where the start values are a candidate of the climb on this likelihood (the conditional likelihood: no D to
        // set apart), the climb has evaluated it there already: the same numbers, one thinned evaluation fewer
        SecrLikelihood.Evaluation known = stage.evaluatedAt(start);
        double f0;
        if (known != null) {
            memo.remember(start, known);
            f0 = SecrFitter.negated(known, g);
        } else {
            f0 = f.valueAndGradient(start.clone(), g);
        }
        if (!Double.isFinite(f0)) {
            return Outcome.without(points, evaluations[0], "the log-likelihood on the thinned mask is not finite at "
                    + "the start values");
        }
        double[][] seed = SecrFitter.seedInverseHessian(SecrFitter.forwardHessian(f, start, g, SecrFitter.HESSIAN_STEP,
                SecrFitter.densityColumns(likelihood, memo, start)));
        BfgsMinimizer.Result r = new BfgsMinimizer(maxIterations, gradientTolerance, gainTolerance).minimize(f, start, f0, g,
                seed);
        if (!r.converged()) {
            return Outcome.without(points, evaluations[0], "the fit on the thinned mask did not converge: " + r.message());
        }
        double[][] atEstimate = SecrFitter.seedInverseHessian(SecrFitter.forwardHessian(f, r.x(), r.gradient(),
                SecrFitter.HESSIAN_STEP, SecrFitter.densityColumns(likelihood, memo, r.x())));
        if (atEstimate == null) {
            return Outcome.without(points, evaluations[0], "the Hessian on the thinned mask is not finite at its "
                    + "estimate");
        }
        return new Outcome(r.x(), atEstimate, points, evaluations[0], "");
    }
}
