package org.secr4j.result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.secr4j.design.Context;
import org.secr4j.model.RealParameter;
import org.secr4j.util.Checks;

/**
 * Model selection among fits of the same data (secr's {@code AIC} table): per model the number
 * of coefficients, log-likelihood, AIC, AICc, ΔAICc and the AICc weight
 * \( w_i = e^{-\Delta_i/2} / \sum_j e^{-\Delta_j/2} \) (Burnham &amp; Anderson 2002), sorted by AICc.
 * Fits of different data, masks or likelihood reporting are refused with a message naming the
 * fit and what differs (secr's {@code AICcompatible}).
 *
 * <p>Immutable; thread-safe.
 */
public final class ModelComparison {
    /** One row of the table. */
    public record Row(String name, String model, String detectfn, int npar, double logLik, double aic, double aicc,
            double dAICc, double aiccWeight, FittedModel fit) {}

    /** A likelihood-ratio test of nested models. */
    public record LikelihoodRatioTest(double statistic, int df, double pValue) {}

    private final List<Row> rows;

    /** Why one fit's data were collapsed over occasions and the other's not, and what to do. */
    static final String FAST_PROXIMITY_HINT = ": with fastproximity on (the default), proximity and count data are "
            + "collapsed over occasions for models without time or behavioural effects, and their log-likelihood then "
            + "carries the totals' binomial coefficients; fit every model with fastproximity off "
            + "(FitOptions.withFastProximity(false), CLI --details fastproximity=FALSE) to compare them";

    private ModelComparison(List<Row> rows) {
        this.rows = rows;
    }

    /**
     * The table of {@code fits} (name to fit, in any order).
     *
     * @throws IllegalArgumentException for fewer than one fit, or fits whose data differ
     */
    public static ModelComparison of(Map<String, FittedModel> fits) {
        Checks.require(!fits.isEmpty(), "no fits to compare");
        String firstName = null;
        Map<String, String> first = null;
        for (Map.Entry<String, FittedModel> e : fits.entrySet()) {
            Map<String, String> id = e.getValue().dataIdentity();
            if (first == null) {
                first = id;
                firstName = e.getKey();
                continue;
            }
            for (Map.Entry<String, String> part : first.entrySet()) {
                if (!part.getValue().equals(id.get(part.getKey()))) {
                    boolean fast = part.getValue().contains(FittedModel.COLLAPSED)
                            != id.get(part.getKey()).contains(FittedModel.COLLAPSED);
                    throw new IllegalArgumentException("fits '" + firstName + "' and '" + e.getKey()
                            + "' cannot be compared by AIC: their " + part.getKey() + " differ (" + part.getValue()
                            + " vs " + id.get(part.getKey()) + ")" + (fast ? FAST_PROXIMITY_HINT : ""));
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (FittedModel f : fits.values()) {
            best = Math.min(best, f.aicc());
        }
        double total = 0;
        for (FittedModel f : fits.values()) {
            total += Math.exp(-(f.aicc() - best) / 2);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, FittedModel> e : fits.entrySet()) {
            FittedModel f = e.getValue();
            double d = f.aicc() - best;
            rows.add(new Row(e.getKey(), f.spec().toString(), f.layout().detectionFunction().name(), f.parameterCount(),
                    f.logLikelihood(), f.aic(), f.aicc(), d, Math.exp(-d / 2) / total, f));
        }
        rows.sort(Comparator.comparingDouble(Row::aicc));
        return new ModelComparison(List.copyOf(rows));
    }

    /** Rows sorted by AICc, best first. */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Likelihood-ratio test of {@code reduced} nested in {@code full} (same data):
     * \( 2(\ell_{full} - \ell_{reduced}) \sim \chi^2_{df} \), df the difference in coefficients.
     */
    public static LikelihoodRatioTest likelihoodRatio(FittedModel reduced, FittedModel full) {
        of(Map.of("reduced", reduced, "full", full)); // same data, or a named error
        int df = full.parameterCount() - reduced.parameterCount();
        Checks.require(df > 0, "the full model must have more coefficients than the reduced one (%d vs %d)",
                full.parameterCount(), reduced.parameterCount());
        double stat = Math.max(0, 2 * (full.logLikelihood() - reduced.logLikelihood()));
        return new LikelihoodRatioTest(stat, df, 1 - new ChiSquaredDistribution(null, df).cumulativeProbability(stat));
    }

    /**
     * Model-averaged real parameter {@code p} in context {@code c} with AICc weights, and the
     * unconditional SE of Buckland, Burnham &amp; Augustin (1997):
     * \( \sum_i w_i \sqrt{\mathrm{SE}_i^2 + (\hat\theta_i - \bar\theta)^2} \); the interval is log-normal
     * for positive parameters and Wald otherwise.
     */
    public Estimate average(RealParameter p, Context c) {
        double mean = 0;
        for (Row r : rows) {
            mean += r.aiccWeight() * r.fit().predict(c).get(p).estimate();
        }
        double se = 0;
        for (Row r : rows) {
            RealEstimate e = r.fit().predict(c).get(p);
            se += r.aiccWeight() * Math.sqrt(e.se() * e.se() + (e.estimate() - mean) * (e.estimate() - mean));
        }
        if (mean > 0) {
            return Estimate.logNormal(mean, se);
        }
        return new Estimate(mean, se, mean - Estimate.Z95 * se, mean + Estimate.Z95 * se);
    }

    /** The table as text, with secr's columns. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%-14s %-34s %-8s %5s %12s %10s %10s %8s %8s%n",
                "name", "model", "detectfn", "npar", "logLik", "AIC", "AICc", "dAICc", "AICcwt"));
        for (Row r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "%-14s %-34s %-8s %5d %12.3f %10.3f %10.3f %8.3f %8.4f%n", r.name(),
                    r.model(), r.detectfn(), r.npar(), r.logLik(), r.aic(), r.aicc(), r.dAICc(), r.aiccWeight()));
        }
        return b.toString();
    }

    /** The rows keyed by name. */
    public Map<String, Row> byName() {
        Map<String, Row> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.name(), r));
        return m;
    }
}
