package org.secr4j.io.secrtext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.CaptureHistoryBuilder;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.DataFileException;

/**
 * Readers for secr's text formats ({@code read.traps}, {@code read.capthist}): whitespace
 * separated, {@code #} starts a comment.
 * <ul>
 *   <li>Detectors: {@code ID x y [usage] [/ covariates]}, where {@code usage} is a string of 0/1
 *       per occasion (as in secr's {@code trap.txt}).</li>
 *   <li>Captures, format {@link CaptureFormat#TRAP_ID}: {@code Session ID Occasion Detector
 *       [covariates]}; format {@link CaptureFormat#XY}: {@code Session ID Occasion x y
 *       [covariates]}, the detector found by its coordinates. A negative occasion marks death or
 *       removal on that occasion.</li>
 * </ul>
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class SecrText {
    /** How a capture row names its detector. */
    public enum CaptureFormat { TRAP_ID, XY }

    private SecrText() {}

    private record Row(int line, String[] tokens) {}

    private static List<Row> rows(Path path) {
        String name = path.toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException(name, 0, 0, "cannot read: " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            l = l.trim();
            if (!l.isEmpty()) {
                rows.add(new Row(i + 1, l.split("\\s+")));
            }
        }
        if (rows.isEmpty()) {
            throw new DataFileException(name, 0, 0, "the file is empty (no data lines)");
        }
        return rows;
    }

    private static double number(String file, Row r, int field, String what) {
        try {
            return Double.parseDouble(r.tokens[field]);
        } catch (NumberFormatException e) {
            throw new DataFileException(file, r.line, field + 1, "expected a number for " + what + " but found '"
                    + r.tokens[field] + "'");
        }
    }

    /** Reads detectors of {@code type} from secr's trap text format. */
    public static DetectorArray readDetectors(Path path, DetectorType type) {
        String file = path.toString();
        List<Row> rows = rows(path);
        List<String> ids = new ArrayList<>();
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        double[][] usage = null;
        List<String[]> covs = new ArrayList<>();
        int ncov = -1;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.tokens.length < 3) {
                throw new DataFileException(file, r.line, r.tokens.length + 1, "expected 'ID x y' but found "
                        + r.tokens.length + " fields");
            }
            String id = r.tokens[0];
            int prev = ids.indexOf(id);
            if (prev >= 0) {
                throw new DataFileException(file, r.line, 1, "duplicate detector ID '" + id + "' (also on line "
                        + rows.get(prev).line + ")");
            }
            ids.add(id);
            x[i] = number(file, r, 1, "x");
            y[i] = number(file, r, 2, "y");
            int f = 3;
            if (f < r.tokens.length && !r.tokens[f].equals("/")) {
                String u = r.tokens[f];
                if (!u.matches("[0-9]+")) {
                    throw new DataFileException(file, r.line, f + 1, "expected a usage string of digits but found '" + u + "'");
                }
                if (usage == null) {
                    if (i > 0) {
                        throw new DataFileException(file, r.line, f + 1, "usage given here but not for earlier detectors");
                    }
                    usage = new double[rows.size()][u.length()];
                }
                if (u.length() != usage[0].length) {
                    throw new DataFileException(file, r.line, f + 1, "usage string has " + u.length()
                            + " occasions but the first detector's has " + usage[0].length);
                }
                for (int s = 0; s < u.length(); s++) {
                    usage[i][s] = u.charAt(s) - '0';
                }
                f++;
            } else if (usage != null) {
                throw new DataFileException(file, r.line, f + 1, "usage missing for this detector");
            }
            String[] c = new String[0];
            if (f < r.tokens.length && r.tokens[f].equals("/")) {
                c = java.util.Arrays.copyOfRange(r.tokens, f + 1, r.tokens.length);
            }
            if (ncov >= 0 && c.length != ncov) {
                throw new DataFileException(file, r.line, f + 1, "has " + c.length + " covariates but earlier lines have "
                        + ncov);
            }
            ncov = c.length;
            covs.add(c);
        }
        List<Covariate> cov = new ArrayList<>();
        for (int j = 0; j < Math.max(ncov, 0); j++) {
            String[] v = new String[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = covs.get(i)[j];
            }
            cov.add(Covariate.parse("V" + (j + 1), v));
        }
        DetectorArray d = DetectorArray.of(type, ids, x, y).withCovariates(CovariateTable.of(rows.size(), cov));
        return usage == null ? d : d.withUsage(usage);
    }

    /**
     * Reads captures from secr's capture text format.
     *
     * @param detectors session ID to detectors; a single entry with key {@code null} serves every session
     * @param occasions session ID to number of occasions (key null: every session; default: the
     *     usage's, else the largest recorded)
     */
    public static CaptureHistory readCaptures(Path path, CaptureFormat format, Map<String, DetectorArray> detectors,
            Map<String, Integer> occasions) {
        String file = path.toString();
        List<Row> rows = rows(path);
        int fields = format == CaptureFormat.TRAP_ID ? 4 : 5;
        Map<String, Integer> maxOcc = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.tokens.length < fields) {
                throw new DataFileException(file, r.line, r.tokens.length + 1, "expected at least " + fields
                        + " fields (" + (format == CaptureFormat.TRAP_ID ? "Session ID Occasion Detector" : "Session ID Occasion x y")
                        + ") but found " + r.tokens.length);
            }
            double o = number(file, r, 2, "occasion");
            if (o != Math.rint(o) || o == 0) {
                throw new DataFileException(file, r.line, 3, "occasion must be a non-zero whole number but was '"
                        + r.tokens[2] + "'");
            }
            maxOcc.merge(r.tokens[0], (int) Math.abs(o), Math::max);
        }
        CaptureHistoryBuilder b = CaptureHistory.builder();
        Map<String, DetectorArray> bySession = new LinkedHashMap<>();
        for (String s : maxOcc.keySet()) {
            DetectorArray d = null;
            for (Map.Entry<String, DetectorArray> e : detectors.entrySet()) {
                if (s.equals(e.getKey()) || (e.getKey() == null && d == null)) {
                    d = e.getValue();
                }
            }
            if (d == null) {
                throw new DataFileException(file, 0, 0, "session '" + s + "' has no detectors; given for " + detectors.keySet());
            }
            bySession.put(s, d);
            Integer occ = org.secr4j.io.table.CaptureCsv.occasionsOf(occasions, s);
            b.session(s, d, occ != null ? occ : d.hasUsage() ? d.usageOccasions().getAsInt() : maxOcc.get(s));
        }
        for (Row r : rows) {
            String s = r.tokens[0];
            DetectorArray d = bySession.get(s);
            int occ = (int) number(file, r, 2, "occasion");
            String detector;
            if (format == CaptureFormat.TRAP_ID) {
                detector = r.tokens[3];
            } else {
                double px = number(file, r, 3, "x");
                double py = number(file, r, 4, "y");
                detector = null;
                for (int k = 0; k < d.size(); k++) {
                    if (d.x(k) == px && d.y(k) == py) {
                        detector = d.id(k);
                        break;
                    }
                }
                if (detector == null) {
                    throw new DataFileException(file, r.line, 4, "no detector at (" + px + ", " + py + ") in session '" + s + "'");
                }
            }
            String origin = file + " line " + r.line;
            try {
                b.detection(origin, s, r.tokens[1], Math.abs(occ), detector, occ > 0, 1);
                for (int j = fields; j < r.tokens.length; j++) {
                    b.covariate(origin, s, r.tokens[1], "V" + (j - fields + 1), r.tokens[j]);
                }
            } catch (IllegalArgumentException e) {
                throw new DataFileException(file, r.line, 0, e.getMessage().substring(origin.length() + 2), e);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file, 0, 0, e.getMessage(), e);
        }
    }
}
