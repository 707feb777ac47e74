package org.secr4j.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.secr4j.covariate.Covariate;
import org.secr4j.mask.HabitatMask;
import org.secr4j.util.Checks;

/**
 * The spatial variables a density formula may use, fixed when a model is bound to its fitting
 * masks: per session the mean and standard deviation of the mask's x and y (secr's
 * {@code meanSD}, n − 1 divisor), the mask covariates with their kind (numeric or factor, factor
 * levels sorted over all sessions), and per session the numeric covariates' mask means.
 *
 * <p>A mask point's values form a vector \( (x', y', v_1, \dots) \): the standardised coordinates
 * \( x' = (x - \bar x)/s_x \), \( y' = (y - \bar y)/s_y \), then each covariate the formula uses
 * (a numeric value, or a factor's level index). The same scaling applies to any later mask
 * (e.g. a region's cells), so predictions there use the fitted model's coordinates.
 *
 * <p>Immutable; thread-safe.
 */
final class MaskFrame {
    /** A mask covariate's kind: numeric ({@code levels} empty and {@code factor} false) or a factor. */
    record Kind(boolean factor, List<String> levels) {}

    private final List<String> sessionIds;
    private final double[][] meanSD; // [session] {mean x, sd x, mean y, sd y}
    private final Map<String, Kind> kinds;
    private final List<Map<String, Double>> numericMeans;

    private MaskFrame(List<String> sessionIds, double[][] meanSD, Map<String, Kind> kinds,
            List<Map<String, Double>> numericMeans) {
        this.sessionIds = sessionIds;
        this.meanSD = meanSD;
        this.kinds = kinds;
        this.numericMeans = numericMeans;
    }

    /** The frame of {@code masks} (one per session, or one for all). */
    static MaskFrame of(List<String> sessionIds, List<HabitatMask> masks) {
        Checks.require(masks.size() == 1 || masks.size() == sessionIds.size(),
                "%d masks for %d sessions; give one mask per session or one for all", masks.size(), sessionIds.size());
        int sessions = sessionIds.size();
        double[][] msd = new double[sessions][];
        Map<String, Boolean> factor = new LinkedHashMap<>();
        Map<String, TreeSet<String>> levels = new LinkedHashMap<>();
        List<Map<String, Double>> means = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            HabitatMask mask = masks.size() == 1 ? masks.get(0) : masks.get(s);
            msd[s] = new double[] {mean(mask.xs()), sd(mask.xs()), mean(mask.ys()), sd(mask.ys())};
            Map<String, Double> m = new LinkedHashMap<>();
            for (Covariate c : mask.covariates().columns()) {
                Boolean before = factor.putIfAbsent(c.name(), c.isFactor());
                Checks.require(before == null || before == c.isFactor(),
                        "mask covariate '%s' is a factor in one session's mask and numeric in session '%s''s", c.name(),
                        sessionIds.get(s));
                if (c.isFactor()) {
                    levels.computeIfAbsent(c.name(), k -> new TreeSet<>()).addAll(c.levels());
                } else {
                    double sum = 0;
                    int n = 0;
                    for (int i = 0; i < c.size(); i++) {
                        double v = c.numericValue(i);
                        if (!Double.isNaN(v)) {
                            sum += v;
                            n++;
                        }
                    }
                    m.put(c.name(), n == 0 ? Double.NaN : sum / n);
                }
            }
            means.add(m);
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> e : factor.entrySet()) {
            boolean isFactor = e.getValue();
            kinds.put(e.getKey(), new Kind(isFactor, isFactor ? List.copyOf(levels.get(e.getKey())) : List.of()));
        }
        return new MaskFrame(List.copyOf(sessionIds), msd, kinds, means);
    }

    /** Names of the mask covariates, in order of first appearance. */
    List<String> names() {
        return List.copyOf(kinds.keySet());
    }

    /** The kind of covariate {@code name}, or null when no mask has it. */
    Kind kind(String name) {
        return kinds.get(name);
    }

    /** {mean x, sd x, mean y, sd y} of session {@code s}'s fitting mask (metres). */
    double[] meanSD(int s) {
        return meanSD[s].clone();
    }

    /**
     * The value vector of every point of {@code mask} in session {@code s} for the covariates
     * {@code used}: {@code [m][0]} = x', {@code [m][1]} = y', {@code [m][2 + j]} = covariate j.
     *
     * @throws IllegalArgumentException naming the session, point and covariate for a missing
     *     covariate, a missing value, or a factor level the model was not fitted with
     */
    double[][] points(int s, HabitatMask mask, List<String> used) {
        double[] msd = meanSD[s];
        int n = mask.size();
        double[][] out = new double[n][2 + used.size()];
        for (int m = 0; m < n; m++) {
            out[m][0] = (mask.x(m) - msd[0]) / msd[1];
            out[m][1] = (mask.y(m) - msd[2]) / msd[3];
        }
        for (int j = 0; j < used.size(); j++) {
            String name = used.get(j);
            Kind kind = kinds.get(name);
            Covariate c = mask.covariates().get(name).orElseThrow(() -> new IllegalArgumentException("session '"
                    + sessionIds.get(s) + "': the mask has no covariate '" + name + "' (the density formula uses it); mask covariates: "
                    + mask.covariates().names()));
            Checks.require(c.isFactor() == kind.factor(), "session '%s': mask covariate '%s' is %s here but %s in the fitting masks",
                    sessionIds.get(s), name, c.isFactor() ? "a factor" : "numeric", kind.factor() ? "a factor" : "numeric");
            for (int m = 0; m < n; m++) {
                double v;
                if (kind.factor()) {
                    String level = c.textValue(m);
                    v = level == null ? Double.NaN : kind.levels().indexOf(level);
                    Checks.require(level == null || v >= 0,
                            "session '%s', mask point %d (x %s, y %s): covariate '%s' has level '%s', which the model was not fitted with; levels: %s",
                            sessionIds.get(s), m + 1, mask.x(m), mask.y(m), name, level, kind.levels());
                } else {
                    v = c.numericValue(m);
                }
                Checks.require(!Double.isNaN(v), "session '%s', mask point %d (x %s, y %s): covariate '%s' is missing (NA); "
                        + "the density formula needs it at every mask point", sessionIds.get(s), m + 1, mask.x(m), mask.y(m), name);
                out[m][2 + j] = v;
            }
        }
        return out;
    }

    /**
     * The reference point of session {@code s} (secr's default {@code newdata} for predict): the
     * mask centre (x' = y' = 0), numeric covariates at their mask mean, factors at their first level.
     */
    double[] reference(int s, List<String> used) {
        double[] out = new double[2 + used.size()];
        for (int j = 0; j < used.size(); j++) {
            String name = used.get(j);
            out[2 + j] = kinds.get(name).factor() ? 0 : numericMeans.get(s).getOrDefault(name, Double.NaN);
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Standard deviation with the n − 1 divisor (R's {@code sd}); 1 for a single point or no spread. */
    private static double sd(double[] v) {
        if (v.length < 2) {
            return 1;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / (v.length - 1));
        return sd > 0 ? sd : 1;
    }
}
