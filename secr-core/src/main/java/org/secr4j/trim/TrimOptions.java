package org.secr4j.trim;

import java.util.Arrays;
import java.util.List;
import org.secr4j.util.Checks;

/**
 * How a TRIM model is specified and estimated; immutable, configured through withers starting from
 * {@link #model(TrimModel)}.
 *
 * <ul>
 *   <li>changepoints (model 2): 1-based time points at which the slope may change; TRIM's default is
 *       the single changepoint 1 (one slope over the whole period);</li>
 *   <li>overdispersion \(\sigma^2\) and serial correlation \(\rho\) estimated (GEE) or fixed at 1 and 0
 *       (maximum likelihood);</li>
 *   <li>covariates: names of categorical covariates in the data that modify the time effects
 *       (model 3) or slopes (model 2).</li>
 * </ul>
 */
public final class TrimOptions {
    private final TrimModel model;
    private final int[] changepoints;
    private final boolean overdispersion;
    private final boolean serialCorrelation;
    private final List<String> covariates;
    private final double tolerance;
    private final int maxIterations;

    private TrimOptions(TrimModel model, int[] changepoints, boolean overdispersion, boolean serialCorrelation,
            List<String> covariates, double tolerance, int maxIterations) {
        this.model = model;
        this.changepoints = changepoints;
        this.overdispersion = overdispersion;
        this.serialCorrelation = serialCorrelation;
        this.covariates = covariates;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Options for a model with TRIM's defaults (changepoint 1, no overdispersion or serial correlation). */
    public static TrimOptions model(TrimModel model) {
        return new TrimOptions(model, new int[] {1}, false, false, List.of(), 1e-10, 500);
    }

    /**
     * With changepoints (model 2 only; 1-based, strictly increasing).
     *
     * @throws IllegalArgumentException for another model or an unsorted list
     */
    public TrimOptions withChangepoints(int... points) {
        Checks.require(model == TrimModel.LINEAR_TREND, "changepoints apply to model 2 only, not model %d",
                model.number());
        Checks.require(points.length >= 1, "give at least one changepoint");
        for (int k = 0; k < points.length; k++) {
            Checks.require(points[k] >= 1, "changepoints are 1-based time points but got %d", points[k]);
            Checks.require(k == 0 || points[k] > points[k - 1], "changepoints must increase: %s",
                    Arrays.toString(points));
        }
        return new TrimOptions(model, points.clone(), overdispersion, serialCorrelation, covariates, tolerance,
                maxIterations);
    }

    /** With overdispersion estimated (or not). */
    public TrimOptions withOverdispersion(boolean on) {
        return new TrimOptions(model, changepoints, on, serialCorrelation, covariates, tolerance, maxIterations);
    }

    /** With AR(1) serial correlation estimated (or not). */
    public TrimOptions withSerialCorrelation(boolean on) {
        return new TrimOptions(model, changepoints, overdispersion, on, covariates, tolerance, maxIterations);
    }

    /** With categorical covariates (names in the data). */
    public TrimOptions withCovariates(String... names) {
        return new TrimOptions(model, changepoints, overdispersion, serialCorrelation, List.of(names), tolerance,
                maxIterations);
    }

    /** With the convergence tolerance on parameter changes (default 1e-10) and an iteration limit (500). */
    public TrimOptions withConvergence(double tolerance, int maxIterations) {
        Checks.positive(tolerance, "tolerance");
        Checks.require(maxIterations >= 1, "maxIterations must be >= 1");
        return new TrimOptions(model, changepoints, overdispersion, serialCorrelation, covariates, tolerance,
                maxIterations);
    }

    public TrimModel model() {
        return model;
    }

    public int[] changepoints() {
        return changepoints.clone();
    }

    public boolean overdispersion() {
        return overdispersion;
    }

    public boolean serialCorrelation() {
        return serialCorrelation;
    }

    public List<String> covariates() {
        return covariates;
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }
}
