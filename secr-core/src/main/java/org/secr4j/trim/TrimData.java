package org.secr4j.trim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.secr4j.util.Checks;

/**
 * Counts of sites over time points, the data of a TRIM analysis: one row per site, one column per
 * time point, {@link Double#NaN} for a missing count; optional categorical covariates per site and
 * time point (TRIM codes categories as positive integers; the smallest code present is the
 * reference category).
 *
 * <p>Immutable; thread-safe. Built by {@link #of} and {@link #withCovariate}, which validate.
 */
public final class TrimData {
    private final List<String> sites;
    private final int[] timeLabels;
    private final double[][] counts;
    private final Map<String, int[][]> covariates;
    private final double[][] weights;

    private TrimData(List<String> sites, int[] timeLabels, double[][] counts, Map<String, int[][]> covariates,
            double[][] weights) {
        this.sites = sites;
        this.timeLabels = timeLabels;
        this.counts = counts;
        this.covariates = covariates;
        this.weights = weights;
    }

    /**
     * Validates and copies the counts.
     *
     * @param sites site identifiers, distinct
     * @param timeLabels the label of each time point (e.g. the year), strictly increasing
     * @param counts {@code counts[site][time]}, non-negative, {@code NaN} where missing
     * @throws IllegalArgumentException on fewer than two time points, a negative or infinite count,
     *     a duplicate site, or a site whose counts are all missing (naming the site)
     */
    public static TrimData of(List<String> sites, int[] timeLabels, double[][] counts) {
        Checks.require(timeLabels.length >= 2, "TRIM needs at least 2 time points but got %d", timeLabels.length);
        for (int j = 1; j < timeLabels.length; j++) {
            Checks.require(timeLabels[j] > timeLabels[j - 1], "time labels must increase: %d follows %d",
                    timeLabels[j], timeLabels[j - 1]);
        }
        Checks.require(sites.size() == counts.length, "%d site identifiers for %d rows of counts", sites.size(),
                counts.length);
        Checks.require(!sites.isEmpty(), "TRIM needs at least one site");
        Checks.require(new TreeSet<>(sites).size() == sites.size(), "site identifiers must be distinct");
        double[][] copy = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            Checks.require(counts[i].length == timeLabels.length, "site %s has %d counts for %d time points",
                    sites.get(i), counts[i].length, timeLabels.length);
            copy[i] = counts[i].clone();
            boolean any = false;
            for (int j = 0; j < copy[i].length; j++) {
                double f = copy[i][j];
                if (!Double.isNaN(f)) {
                    Checks.require(f >= 0 && Double.isFinite(f), "site %s, time %d: count must be >= 0 but was %s",
                            sites.get(i), timeLabels[j], f);
                    any = true;
                }
            }
            Checks.require(any, "site %s has only missing counts; remove it or give at least one count",
                    sites.get(i));
        }
        return new TrimData(List.copyOf(sites), timeLabels.clone(), copy, Map.of(), null);
    }

    /**
     * This data with a categorical covariate ({@code categories[site][time]}, positive codes).
     *
     * @throws IllegalArgumentException on a duplicate name, a wrong shape or a code below 1
     */
    public TrimData withCovariate(String name, int[][] categories) {
        Checks.require(!covariates.containsKey(name), "covariate %s is already present", name);
        Checks.require(categories.length == sites.size(), "covariate %s has %d rows for %d sites", name,
                categories.length, sites.size());
        int[][] copy = new int[categories.length][];
        for (int i = 0; i < categories.length; i++) {
            Checks.require(categories[i].length == timeLabels.length, "covariate %s, site %s: %d values for %d times",
                    name, sites.get(i), categories[i].length, timeLabels.length);
            copy[i] = categories[i].clone();
            for (int j = 0; j < copy[i].length; j++) {
                Checks.require(copy[i][j] >= 1, "covariate %s, site %s, time %d: category must be >= 1 but was %d",
                        name, sites.get(i), timeLabels[j], copy[i][j]);
            }
        }
        Map<String, int[][]> next = new LinkedHashMap<>(covariates);
        next.put(name, copy);
        return new TrimData(sites, timeLabels, counts, Collections.unmodifiableMap(next), weights);
    }

    /**
     * This data with site-by-time weights (TRIM's WEIGHTING): the model is fitted to the counts
     * unweighted, and time totals, indices and slopes are of the weighted totals
     * \( \sum_i w_{ij} f_{ij} \) (observed) and \( \sum_i w_{ij} \mu_{ij} \), e.g. to correct for over- or
     * under-sampled strata of sites. A missing weight ({@code NaN}) counts as 1.
     *
     * @throws IllegalArgumentException for a wrong shape or a negative or infinite weight
     */
    public TrimData withWeights(double[][] w) {
        Checks.require(w.length == sites.size(), "weights have %d rows for %d sites", w.length, sites.size());
        double[][] copy = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            Checks.require(w[i].length == timeLabels.length, "weights of site %s: %d values for %d times", sites.get(i),
                    w[i].length, timeLabels.length);
            copy[i] = w[i].clone();
            for (int j = 0; j < copy[i].length; j++) {
                if (Double.isNaN(copy[i][j])) {
                    copy[i][j] = 1;
                }
                Checks.require(copy[i][j] >= 0 && Double.isFinite(copy[i][j]),
                        "site %s, time %d: weight must be >= 0 but was %s", sites.get(i), timeLabels[j], copy[i][j]);
            }
        }
        return new TrimData(sites, timeLabels, counts, covariates, copy);
    }

    /** The weight of a site at a time point (1 without weights). */
    public double weight(int site, int time) {
        return weights == null ? 1 : weights[site][time];
    }

    /** Whether weights were given. */
    public boolean weighted() {
        return weights != null;
    }

    /** Site identifiers in row order. */
    public List<String> sites() {
        return sites;
    }

    /** Number of time points. */
    public int timeCount() {
        return timeLabels.length;
    }

    /** The labels of the time points. */
    public int[] timeLabels() {
        return timeLabels.clone();
    }

    /** The count of a site at a time point ({@code NaN} if missing). */
    public double count(int site, int time) {
        return counts[site][time];
    }

    /** Covariate names in the order added. */
    public List<String> covariateNames() {
        return List.copyOf(covariates.keySet());
    }

    /** The category of a covariate at a site and time point. */
    public int category(String covariate, int site, int time) {
        int[][] c = covariates.get(covariate);
        Checks.require(c != null, "no covariate %s; covariates are %s", covariate, covariates.keySet());
        return c[site][time];
    }

    /** The distinct categories of a covariate, ascending. */
    public int[] categories(String covariate) {
        int[][] c = covariates.get(covariate);
        Checks.require(c != null, "no covariate %s; covariates are %s", covariate, covariates.keySet());
        return Arrays.stream(c).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
    }

    /** Number of observed (non-missing) counts. */
    public int observedCount() {
        int n = 0;
        for (double[] row : counts) {
            for (double f : row) {
                n += Double.isNaN(f) ? 0 : 1;
            }
        }
        return n;
    }

    /** Sites whose observed counts are all zero (TRIM removes them before fitting). */
    public List<String> sitesWithoutPositiveCounts() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            boolean positive = false;
            for (double f : counts[i]) {
                positive |= f > 0;
            }
            if (!positive) {
                out.add(sites.get(i));
            }
        }
        return out;
    }

    /** This data without the named sites. */
    public TrimData withoutSites(List<String> remove) {
        List<String> keep = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            if (!remove.contains(sites.get(i))) {
                keep.add(sites.get(i));
                rows.add(counts[i]);
                index.add(i);
            }
        }
        Checks.require(!keep.isEmpty(), "no sites left after removing %s", remove);
        TrimData out = of(keep, timeLabels, rows.toArray(new double[0][]));
        for (Map.Entry<String, int[][]> e : covariates.entrySet()) {
            int[][] c = new int[keep.size()][];
            for (int k = 0; k < keep.size(); k++) {
                c[k] = e.getValue()[index.get(k)];
            }
            out = out.withCovariate(e.getKey(), c);
        }
        if (weights != null) {
            double[][] w = new double[keep.size()][];
            for (int k = 0; k < keep.size(); k++) {
                w[k] = weights[index.get(k)];
            }
            out = out.withWeights(w);
        }
        return out;
    }
}
