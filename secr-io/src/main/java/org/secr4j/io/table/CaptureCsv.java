package org.secr4j.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.CaptureHistoryBuilder;
import org.secr4j.detector.DetectorArray;
import org.secr4j.io.DataFileException;

/**
 * Reads capture histories from the CSV layout of secr4j's reference data: header
 * {@code session,animalID,occasion,detectorID}, optional {@code alive} (FALSE = died or removed
 * on that occasion), optional {@code x,y} (ignored for point detectors), and any further columns
 * as individual covariates. One row per detection (count detectors: one row per unit of count).
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class CaptureCsv {
    private static final Set<String> FIXED = Set.of("session", "animalID", "occasion", "detectorID", "alive", "x", "y");

    private CaptureCsv() {}

    /** The entry for {@code session}, else the entry with key null (any map, including immutable ones). */
    public static Integer occasionsOf(Map<String, Integer> occasions, String session) {
        Integer fallback = null;
        for (Map.Entry<String, Integer> e : occasions.entrySet()) {
            if (e.getKey() == null) {
                fallback = e.getValue();
            } else if (e.getKey().equals(session)) {
                return e.getValue();
            }
        }
        return fallback;
    }

    /**
     * Reads {@code captures} against the detectors of each session.
     *
     * @param detectors session ID to detectors, in session order; an entry with key {@code null}
     *     stands for the single session of a one-session file whatever its name
     * @param occasions session ID to number of occasions (key null: every session; when absent:
     *     the usage's, else the largest occasion recorded for that session)
     */
    public static CaptureHistory read(Path captures, Map<String, DetectorArray> detectors, Map<String, Integer> occasions) {
        CsvTable t = CsvTable.read(captures);
        int cs = t.requireColumn("session");
        int ca = t.requireColumn("animalID");
        int co = t.requireColumn("occasion");
        int cd = t.requireColumn("detectorID");
        int calive = t.column("alive").orElse(-1);
        int cx = t.column("x").orElse(-1);
        int cy = t.column("y").orElse(-1);
        if (t.rows() == 0) {
            throw new DataFileException(t.file(), 0, 0, "no captures (an empty capture file)");
        }
        Set<String> sessionsInFile = new LinkedHashSet<>();
        int maxOcc = 0;
        Map<String, Integer> maxBySession = new LinkedHashMap<>();
        for (int r = 0; r < t.rows(); r++) {
            String s = t.text(r, cs);
            sessionsInFile.add(s);
            int occ = t.integer(r, co);
            if (occ < 1) {
                throw t.error(r, co, "occasion must be >= 1 but was " + occ);
            }
            maxBySession.merge(s, occ, Math::max);
            maxOcc = Math.max(maxOcc, occ);
        }
        Map<String, DetectorArray> bySession = new LinkedHashMap<>();
        if (detectors.size() == 1 && detectors.keySet().iterator().next() == null) {
            if (sessionsInFile.size() != 1) {
                throw new DataFileException(t.file(), 0, 0, "the captures have " + sessionsInFile.size() + " sessions "
                        + sessionsInFile + " but one detector file was given without a session name; use SESSION=FILE");
            }
            bySession.put(sessionsInFile.iterator().next(), detectors.get(null));
        } else {
            bySession.putAll(detectors);
        }
        CaptureHistoryBuilder b = CaptureHistory.builder();
        for (Map.Entry<String, DetectorArray> e : bySession.entrySet()) {
            DetectorArray d = e.getValue();
            Integer occ = occasionsOf(occasions, e.getKey());
            if (occ == null) {
                occ = d.hasUsage() ? d.usageOccasions().getAsInt() : maxBySession.getOrDefault(e.getKey(), 0);
            }
            if (occ < 1) {
                throw new DataFileException(t.file(), 0, 0, "session '" + e.getKey()
                        + "' has no captures; give its number of occasions");
            }
            b.session(e.getKey(), d, occ);
        }
        List<Integer> covCols = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (!FIXED.contains(t.header().get(c))) {
                covCols.add(c);
            }
        }
        for (int r = 0; r < t.rows(); r++) {
            String s = t.text(r, cs);
            if (!bySession.containsKey(s)) {
                throw t.error(r, cs, "session '" + s + "' has no detectors; detector files were given for "
                        + bySession.keySet());
            }
            String animal = t.text(r, ca);
            if (animal.isEmpty()) {
                throw t.error(r, ca, "blank animal ID");
            }
            boolean alive = calive < 0 || t.logical(r, calive);
            DetectorArray d = bySession.get(s);
            boolean located = d.type().isSearch();
            if (located && (cx < 0 || cy < 0)) {
                throw new DataFileException(t.file(), 1, 0, d.type().secrName()
                        + " detectors need columns x and y: the location of each detection");
            }
            try {
                if (located) {
                    b.detection(t.origin(r), s, animal, t.integer(r, co), t.text(r, cd), alive, t.number(r, cx),
                            t.number(r, cy));
                } else {
                    b.detection(t.origin(r), s, animal, t.integer(r, co), t.text(r, cd), alive, 1);
                }
                for (int c : covCols) {
                    b.covariate(t.origin(r), s, animal, t.header().get(c), t.text(r, c));
                }
            } catch (DataFileException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new DataFileException(t.file(), t.line(r), 0, e.getMessage().substring(t.origin(r).length() + 2), e);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new DataFileException(t.file(), 0, 0, e.getMessage(), e);
        }
    }
}
