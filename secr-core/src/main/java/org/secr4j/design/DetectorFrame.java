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
 * <p>Predictions at no particular detector (a {@link Context} with detector -1) use the reference
 * detector of the session: numeric covariates at their mean over the session's detectors, factors
 * at their first level, as secr's default {@code newdata}.
 *
 * <p>Immutable; thread-safe.
 */
final class DetectorFrame {
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
        Map<String, MaskFrame.Kind> kinds = new LinkedHashMap<>();
        factor.forEach((name, isFactor) -> kinds.put(name,
                new MaskFrame.Kind(isFactor, isFactor ? List.copyOf(levels.get(name)) : List.of())));
        List<Map<String, double[]>> vals = new ArrayList<>();
        List<List<String>> detIds = new ArrayList<>();
        for (Session s : history.sessions()) {
            DetectorArray det = s.detectors();
            Map<String, double[]> m = new LinkedHashMap<>();
            for (Covariate c : det.covariates().columns()) {
                MaskFrame.Kind kind = kinds.get(c.name());
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
     * The values of covariates {@code used} at detector {@code k} of session {@code s} (a factor as
     * its level index), or at the session's reference detector when {@code k} is -1.
     *
     * @throws IllegalArgumentException naming the session, detector and covariate when the session's
     *     detectors lack the covariate or the value is missing
     */
    double[] point(int s, int k, List<String> used) {
        double[] out = new double[used.size()];
        for (int j = 0; j < used.size(); j++) {
            String name = used.get(j);
            double[] v = values.get(s).get(name);
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
