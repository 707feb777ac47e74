package org.secr4j.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.util.Checks;

/**
 * The individual covariates that detection formulas use (secr's {@code covariates(capthist)};
 * conditional likelihood only, as in secr): the animals are grouped into <em>classes</em> of equal
 * covariate values, each class one set of detection parameters with its own p·. Per covariate its
 * kind (numeric, or a factor with levels sorted over all sessions); per class its values; per session
 * and animal its class. Predictions at no particular animal use the reference class (index
 * {@link #classes()}): numeric covariates at their mean over the detected animals, factors at their
 * first level, as secr's default {@code newdata}.
 *
 * <p>Immutable; thread-safe.
 */
final class IndividualFrame {
    private final List<String> names;
    private final List<MaskFrame.Kind> kinds;
    private final List<double[]> classValues; // [class][covariate]
    private final int[][] classOf; // [session][animal]
    private final double[] reference;
    private final boolean groups;

    private IndividualFrame(List<String> names, List<MaskFrame.Kind> kinds, List<double[]> classValues, int[][] classOf,
            double[] reference, boolean groups) {
        this.groups = groups;
        this.names = names;
        this.kinds = kinds;
        this.classValues = classValues;
        this.classOf = classOf;
        this.reference = reference;
    }

    /** Whether some session of {@code history} has an individual covariate {@code name}. */
    static boolean has(CaptureHistory history, String name) {
        for (Session s : history.sessions()) {
            if (s.individualCovariates().get(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frame of covariates {@code names} of every detected animal.
     *
     * @throws IllegalArgumentException naming the session and animal when a session lacks a covariate
     *     or an animal's value is missing
     */
    static IndividualFrame of(CaptureHistory history, List<String> names) {
        return of(history, names, false);
    }

    /**
     * Groups (secr's {@code groups}) formed by the individual factor covariates {@code names}: the
     * classes are the combinations of levels present among the animals, sorted by level.
     *
     * @throws IllegalArgumentException when a covariate is not a factor, or as {@link #of(CaptureHistory, List)}
     */
    static IndividualFrame groups(CaptureHistory history, List<String> names) {
        IndividualFrame f = of(history, names, true);
        for (int j = 0; j < names.size(); j++) {
            Checks.require(f.kinds.get(j).factor(), "groups: individual covariate '%s' must be a factor (e.g. sex F/M)",
                    names.get(j));
        }
        return f;
    }

    private static IndividualFrame of(CaptureHistory history, List<String> names, boolean groups) {
        List<MaskFrame.Kind> kinds = new ArrayList<>();
        for (String name : names) {
            Boolean factor = null;
            TreeSet<String> levels = new TreeSet<>();
            for (Session s : history.sessions()) {
                Covariate c = s.individualCovariates().get(name).orElseThrow(() -> new IllegalArgumentException("session '"
                        + s.id() + "' has no individual covariate '" + name + "' (a detection formula uses it); individual "
                        + "covariates: " + s.individualCovariates().names()));
                Checks.require(factor == null || factor == c.isFactor(),
                        "individual covariate '%s' is a factor in one session and numeric in session '%s'", name, s.id());
                factor = c.isFactor();
                if (c.isFactor()) {
                    levels.addAll(c.levels());
                }
            }
            kinds.add(new MaskFrame.Kind(factor, factor ? List.copyOf(levels) : List.of()));
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<double[]> values = new ArrayList<>();
        int[][] classOf = new int[history.sessionCount()][];
        double[] sum = new double[names.size()];
        int count = 0;
        for (int s = 0; s < history.sessionCount(); s++) {
            Session session = history.session(s);
            classOf[s] = new int[session.animals()];
            for (int i = 0; i < session.animals(); i++) {
                double[] v = new double[names.size()];
                for (int j = 0; j < names.size(); j++) {
                    Covariate c = session.individualCovariates().get(names.get(j)).orElseThrow();
                    if (kinds.get(j).factor()) {
                        String level = c.textValue(i);
                        v[j] = level == null ? Double.NaN : kinds.get(j).levels().indexOf(level);
                    } else {
                        v[j] = c.numericValue(i);
                    }
                    Checks.require(!Double.isNaN(v[j]), "session '%s', animal '%s': individual covariate '%s' is missing (NA); "
                            + "a detection formula uses it", session.id(), session.animalId(i), names.get(j));
                    sum[j] += v[j];
                }
                count++;
                int cls = ids.computeIfAbsent(Arrays.toString(v), k -> {
                    values.add(v);
                    return values.size() - 1;
                });
                classOf[s][i] = cls;
            }
        }
        double[] ref = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            ref[j] = kinds.get(j).factor() || count == 0 ? 0 : sum[j] / count;
        }
        if (groups) { // classes in level order
            Integer[] order = new Integer[values.size()];
            for (int c = 0; c < order.length; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Arrays.compare(values.get(a), values.get(b)));
            int[] rank = new int[order.length];
            List<double[]> sorted = new ArrayList<>();
            for (int r = 0; r < order.length; r++) {
                rank[order[r]] = r;
                sorted.add(values.get(order[r]));
            }
            for (int[] row : classOf) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = rank[row[i]];
                }
            }
            values.clear();
            values.addAll(sorted);
        }
        return new IndividualFrame(List.copyOf(names), List.copyOf(kinds), List.copyOf(values), classOf, ref, groups);
    }

    /** Whether the classes are groups (the formula variable g) rather than individual covariates. */
    boolean isGroups() {
        return groups;
    }

    /** The label of class c: its levels joined by "." (groups), e.g. "F" or "F.adult". */
    String label(int c) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double v = classValues.get(c)[j];
            parts.add(kinds.get(j).factor() ? kinds.get(j).levels().get((int) v) : Double.toString(v));
        }
        return String.join(".", parts);
    }

    /** Number of classes (distinct covariate values among the animals). */
    int classes() {
        return classValues.size();
    }

    /** The class of animal i of session s. */
    int classOf(int s, int i) {
        return classOf[s][i];
    }

    MaskFrame.Kind kind(String name) {
        int j = names.indexOf(name);
        return j < 0 ? null : kinds.get(j);
    }

    /** Covariate {@code name}'s value per class, then at the reference class (last element). */
    double[] table(String name) {
        int j = names.indexOf(name);
        double[] t = new double[classValues.size() + 1];
        for (int c = 0; c < classValues.size(); c++) {
            t[c] = classValues.get(c)[j];
        }
        t[classValues.size()] = reference[j];
        return t;
    }
}
