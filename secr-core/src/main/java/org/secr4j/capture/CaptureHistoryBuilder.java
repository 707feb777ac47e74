package org.secr4j.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.util.Checks;

/**
 * Assembles a {@link CaptureHistory} row by row, as readers do. Every row carries an
 * {@code origin} (such as {@code "captures.csv line 12"}) that prefixes any error about it, so
 * a message names the file and line as well as the session, animal, occasion and detector.
 *
 * <p>Not thread-safe: one builder per reader.
 */
public final class CaptureHistoryBuilder {
    private final Map<String, SessionParts> sessions = new LinkedHashMap<>();

    CaptureHistoryBuilder() {}

    private static final class SessionParts {
        final DetectorArray detectors;
        final int occasions;
        final Map<String, Integer> animals = new LinkedHashMap<>();
        final List<Integer> removed = new ArrayList<>();
        final Map<Long, int[]> cells = new LinkedHashMap<>();
        final List<Detection> located = new ArrayList<>();
        final Map<String, Map<String, String>> covariates = new LinkedHashMap<>();
        final LinkedHashSet<String> covariateNames = new LinkedHashSet<>();

        SessionParts(DetectorArray detectors, int occasions) {
            this.detectors = detectors;
            this.occasions = occasions;
        }

        int animal(String id) {
            return animals.computeIfAbsent(id, k -> {
                removed.add(-1);
                return animals.size();
            });
        }
    }

    /**
     * Declares a session with its detectors and number of occasions. With usage, the number of
     * occasions must equal the usage's (both are named otherwise).
     */
    public CaptureHistoryBuilder session(String id, DetectorArray detectors, int occasions) {
        Checks.require(!sessions.containsKey(id), "session '%s' declared twice", id);
        if (detectors.hasUsage()) {
            int s = detectors.usageOccasions().getAsInt();
            Checks.require(s == occasions, "session '%s': usage has %d occasions but the capture history has %d", id, s,
                    occasions);
        }
        sessions.put(id, new SessionParts(detectors, occasions));
        return this;
    }

    /**
     * Adds one detection.
     *
     * @param origin where the row came from (prefixes errors), e.g. {@code "captures.csv line 5"}
     * @param sessionId a declared session
     * @param animalId the animal
     * @param occasion 1-based occasion
     * @param detectorId a detector of the session
     * @param alive false if the animal died or was removed on this occasion
     * @param count number of detections in this row (1 except for count detectors)
     */
    public CaptureHistoryBuilder detection(String origin, String sessionId, String animalId, int occasion,
            String detectorId, boolean alive, int count) {
        SessionParts s = part(origin, sessionId);
        String where = Checks.format("%s: session '%s', animal '%s', occasion %d, detector '%s'", origin, sessionId,
                animalId, occasion, detectorId);
        Checks.require(!s.detectors.type().isSearch(), "%s: %s detections need their location x, y", where,
                s.detectors.type().secrName());
        Checks.require(count >= 1, "%s: count must be >= 1 but was %d", where, count);
        int k = detector(s, where, occasion, detectorId);
        int a = animal(s, where, animalId, occasion, alive);
        long key = ((long) a * s.occasions + (occasion - 1)) * s.detectors.size() + k;
        int[] cell = s.cells.get(key);
        if (cell == null) {
            s.cells.put(key, new int[] {a, occasion - 1, k, count});
        } else {
            if (!s.detectors.type().equals(org.secr4j.detector.DetectorType.COUNT)) {
                throw new IllegalArgumentException(where + ": the same detection is recorded twice ("
                        + s.detectors.type().secrName() + " detectors record at most one per occasion)");
            }
            cell[3] += count;
        }
        return this;
    }

    /**
     * Adds one detection by a search detector (polygon or transect) at location {@code (x, y)} (m).
     * An animal may have several on one occasion (except for the exclusive types, checked on
     * {@link #build}); the location must lie in the polygon or on the transect.
     */
    public CaptureHistoryBuilder detection(String origin, String sessionId, String animalId, int occasion,
            String detectorId, boolean alive, double x, double y) {
        SessionParts s = part(origin, sessionId);
        String where = Checks.format("%s: session '%s', animal '%s', occasion %d, detector '%s'", origin, sessionId,
                animalId, occasion, detectorId);
        Checks.require(s.detectors.type().isSearch(), "%s: a location (%s, %s) is given but %s detectors are points", where,
                x, y, s.detectors.type().secrName());
        int k = detector(s, where, occasion, detectorId);
        Session.requireLocated(s.detectors, k, x, y, where);
        int a = animal(s, where, animalId, occasion, alive);
        s.located.add(Detection.located(a, occasion - 1, k, x, y));
        return this;
    }

    private SessionParts part(String origin, String sessionId) {
        SessionParts s = sessions.get(sessionId);
        if (s == null) {
            throw new IllegalArgumentException(origin + ": session '" + sessionId + "' has no detectors; sessions: "
                    + sessions.keySet());
        }
        return s;
    }

    private static int detector(SessionParts s, String where, int occasion, String detectorId) {
        OptionalInt k = s.detectors.indexOf(detectorId);
        if (k.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown detector (the session has " + s.detectors.size()
                    + " detectors, e.g. " + s.detectors.ids().subList(0, Math.min(5, s.detectors.size())) + ")");
        }
        Checks.require(occasion >= 1, "%s: occasion must be >= 1", where);
        if (s.detectors.hasUsage()) {
            Checks.require(occasion <= s.occasions, "%s: occasion %d is beyond the usage matrix (%d occasions)", where,
                    occasion, s.occasions);
            Checks.require(s.detectors.usage(k.getAsInt(), occasion - 1) > 0,
                    "%s: detection at a detector with zero usage on that occasion", where);
        } else {
            Checks.require(occasion <= s.occasions, "%s: occasion %d is beyond the %d occasions of the session", where,
                    occasion, s.occasions);
        }
        return k.getAsInt();
    }

    private static int animal(SessionParts s, String where, String animalId, int occasion, boolean alive) {
        int a = s.animal(animalId);
        int previousRemoval = s.removed.get(a);
        Checks.require(previousRemoval < 0 || occasion - 1 <= previousRemoval,
                "%s: detected after its removal on occasion %d", where, previousRemoval + 1);
        if (!alive) {
            Checks.require(previousRemoval < 0 || previousRemoval == occasion - 1,
                    "%s: removed twice (occasions %d and %d)", where, previousRemoval + 1, occasion);
            s.removed.set(a, occasion - 1);
        }
        return a;
    }

    /** Sets an individual covariate of an animal (creating the animal's entry if needed for later rows). */
    public CaptureHistoryBuilder covariate(String origin, String sessionId, String animalId, String name, String value) {
        SessionParts s = part(origin, sessionId);
        s.covariateNames.add(name);
        Map<String, String> m = s.covariates.computeIfAbsent(animalId, k -> new LinkedHashMap<>());
        String old = m.put(name, value);
        Checks.require(old == null || old.equals(value),
                "%s: session '%s', animal '%s': covariate '%s' is '%s' here but '%s' before", origin, sessionId,
                animalId, name, value, old);
        return this;
    }

    /** Builds and validates the histories (animals with covariates but no detection are an error). */
    public CaptureHistory build() {
        List<Session> out = new ArrayList<>();
        for (Map.Entry<String, SessionParts> e : sessions.entrySet()) {
            SessionParts s = e.getValue();
            for (String a : s.covariates.keySet()) {
                Checks.require(s.animals.containsKey(a),
                        "session '%s', animal '%s': has covariates but no detections", e.getKey(), a);
            }
            List<String> ids = new ArrayList<>(s.animals.keySet());
            List<Covariate> cols = new ArrayList<>();
            for (String name : s.covariateNames) {
                String[] values = new String[ids.size()];
                for (int i = 0; i < ids.size(); i++) {
                    Map<String, String> m = s.covariates.get(ids.get(i));
                    values[i] = m == null ? null : m.get(name);
                }
                cols.add(Covariate.parse(name, values));
            }
            List<Detection> dets = new ArrayList<>();
            for (int[] c : s.cells.values()) {
                dets.add(new Detection(c[0], c[1], c[2], c[3]));
            }
            dets.addAll(s.located);
            int[] removed = s.removed.stream().mapToInt(Integer::intValue).toArray();
            out.add(Session.of(e.getKey(), s.detectors, s.occasions, ids, removed, dets,
                    CovariateTable.of(ids.size(), cols)));
        }
        return CaptureHistory.of(out);
    }
}
