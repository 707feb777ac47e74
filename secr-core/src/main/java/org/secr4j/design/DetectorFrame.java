package org.secr4j.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.detector.DetectorArray;
import org.secr4j.util.Checks;

/**
 * The detector covariates a detection formula may use (secr's {@code covariates(traps(capthist))}),
 * fixed when a model is bound to its data: per covariate its kind (numeric, or a factor whose
 * levels are sorted over all sessions) and per session and detector its value (a number, or the
 * level's index).
 *
 * <p>Detector × time covariates (secr's {@code timevaryingcov}): columns named
 * {@code <name>_occ1}, {@code <name>_occ2}, … (as the usage columns) form one covariate
 * {@code <name>} whose value at occasion s is column {@code <name>_occ<s>}.
 *
 * <p>Predictions at no particular detector (a {@link Context} with detector -1) use the reference
 * detector of the session: numeric covariates at their mean over the session's detectors, factors
 * at their first level, as secr's default {@code newdata}.
 *
 * <p>Immutable; thread-safe.
 */
final class DetectorFrame {
    /** A column of a detector × time covariate: its name and occasion (1-based). */
    private static final java.util.regex.Pattern TIME_VARYING = java.util.regex.Pattern.compile("(.+)_occ([0-9]+)");
    private final List<String> sessionIds;
    private final Map<String, MaskFrame.Kind> kinds;
    private final List<Map<String, double[]>> values; // [session] name -> per detector
    private final List<List<String>> detectorIds;

    private DetectorFrame(List<String> sessionIds, Map<String, MaskFrame.Kind> kinds, List<Map<String, double[]>> values,
            List<List<String>> detectorIds) {
        this.sessionIds = sessionIds;
        this.kinds = kinds;
        this.values = values;
        this.detectorIds = detectorIds;
    }

    /** The frame of the detectors of every session of {@code history}. */
    static DetectorFrame of(CaptureHistory history) {
        Map<String, Boolean> factor = new LinkedHashMap<>();
        Map<String, TreeSet<String>> levels = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Session s : history.sessions()) {
            ids.add(s.id());
            for (Covariate c : s.detectors().covariates().columns()) {
                Boolean before = factor.putIfAbsent(c.name(), c.isFactor());
                Checks.require(before == null || before == c.isFactor(),
                        "detector covariate '%s' is a factor in one session and numeric in session '%s'", c.name(), s.id());
                if (c.isFactor()) {
                    levels.computeIfAbsent(c.name(), k -> new TreeSet<>()).addAll(c.levels());
                }
            }
        }
        // detector x time covariates: <name>_occ<s> columns
        Map<String, Boolean> tvFactor = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> e : factor.entrySet()) {
            java.util.regex.Matcher m = TIME_VARYING.matcher(e.getKey());
            if (m.matches()) {
                Boolean before = tvFactor.putIfAbsent(m.group(1), e.getValue());
                Checks.require(before == null || before.equals(e.getValue()),
                        "detector x time covariate '%s': its columns %s_occ* are numeric in some occasions and factors in others",
                        m.group(1), m.group(1));
                if (e.getValue()) {
                    levels.computeIfAbsent(m.group(1), k -> new TreeSet<>()).addAll(levels.get(e.getKey()));
                }
            }
        }
        for (Map.Entry<String, Boolean> e : tvFactor.entrySet()) {
            String name = e.getKey();
            Checks.require(!factor.containsKey(name), "detector covariate '%s' is also the name of the detector x time "
                    + "covariate of columns %s_occ*", name, name);
            factor.put(name, e.getValue());
        }
        Map<String, MaskFrame.Kind> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> e : factor.entrySet()) {
            boolean isFactor = e.getValue();
            kinds.put(e.getKey(), new MaskFrame.Kind(isFactor, isFactor ? List.copyOf(levels.get(e.getKey())) : List.of()));
        }
        List<Map<String, double[]>> vals = new ArrayList<>();
        List<List<String>> detIds = new ArrayList<>();
        for (Session s : history.sessions()) {
            DetectorArray det = s.detectors();
            Map<String, double[]> m = new LinkedHashMap<>();
            for (Covariate c : det.covariates().columns()) {
                java.util.regex.Matcher tv = TIME_VARYING.matcher(c.name());
                // a time-varying column is coded with the levels of its covariate
                MaskFrame.Kind kind = tv.matches() ? kinds.get(tv.group(1)) : kinds.get(c.name());
                double[] v = new double[det.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = kind.factor() ? (c.textValue(k) == null ? Double.NaN : kind.levels().indexOf(c.textValue(k)))
                            : c.numericValue(k);
                }
                m.put(c.name(), v);
            }
            vals.add(m);
            detIds.add(det.ids());
        }
        return new DetectorFrame(List.copyOf(ids), kinds, vals, detIds);
    }

    /** Names of the detector covariates, in order of first appearance. */
    List<String> names() {
        return List.copyOf(kinds.keySet());
    }

    /** The kind of covariate {@code name}, or null when no session's detectors have it. */
    MaskFrame.Kind kind(String name) {
        return kinds.get(name);
    }

    /**
     * The values of covariates {@code used} at detector {@code k} of session {@code s} on occasion
     * {@code t} (0-based; it picks the column of a detector × time covariate), a factor as its level
     * index, or at the session's reference detector when {@code k} is -1.
     *
     * @throws IllegalArgumentException naming the session, detector and covariate when the session's
     *     detectors lack the covariate (or its column for the occasion) or the value is missing
     */
    double[] point(int s, int t, int k, List<String> used) {
        double[] out = new double[used.size()];
        for (int j = 0; j < used.size(); j++) {
            String name = used.get(j);
            double[] v = values.get(s).get(name);
            if (v == null && values.get(s).containsKey(name + "_occ1")) {
                v = values.get(s).get(name + "_occ" + (t + 1));
                Checks.require(v != null, "session '%s': detector x time covariate '%s' has no column %s_occ%d for occasion %d",
                        sessionIds.get(s), name, name, t + 1, t + 1);
            }
            Checks.require(v != null, "session '%s': the detectors have no covariate '%s' (a detection formula uses it); "
                    + "detector covariates: %s", sessionIds.get(s), name, values.get(s).keySet());
            if (k >= 0) {
                out[j] = v[k];
                Checks.require(!Double.isNaN(out[j]), "session '%s', detector '%s': covariate '%s' is missing (NA); "
                        + "the detection formula needs it at every detector", sessionIds.get(s), detectorIds.get(s).get(k), name);
            } else if (!kinds.get(name).factor()) {
                double sum = 0;
                int n = 0;
                for (double x : v) {
                    if (!Double.isNaN(x)) {
                        sum += x;
                        n++;
                    }
                }
                out[j] = n == 0 ? Double.NaN : sum / n;
            }
        }
        return out;
    }
}
