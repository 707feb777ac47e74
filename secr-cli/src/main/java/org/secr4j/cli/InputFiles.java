package org.secr4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.secrtext.SecrText;
import org.secr4j.io.table.CaptureCsv;
import org.secr4j.io.table.DetectorCsv;
import org.secr4j.io.table.MaskCsv;
import org.secr4j.mask.HabitatMask;

/** Reads the inputs named on the command line: CSV by extension {@code .csv}, else secr's text formats. */
final class InputFiles {
    private InputFiles() {}

    static boolean isCsv(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** {@code FILE} or {@code SESSION=FILE}; unlabeled files map to key null (single file) or session order. */
    static Map<String, DetectorArray> detectors(List<String> specs, DetectorType type) {
        Map<String, DetectorArray> out = new LinkedHashMap<>();
        boolean labelled = specs.get(0).contains("=") && !Path.of(specs.get(0)).toFile().exists();
        for (String spec : specs) {
            String session = null;
            String file = spec;
            int eq = spec.indexOf('=');
            if (eq > 0 && !Path.of(spec).toFile().exists()) {
                session = spec.substring(0, eq);
                file = spec.substring(eq + 1);
            }
            if ((session != null) != labelled) {
                throw Secr4jCommand.badInput("give every --traps as SESSION=FILE, or none (at '" + spec + "')");
            }
            Path p = Path.of(file);
            DetectorArray d = isCsv(p) ? DetectorCsv.read(p, type) : SecrText.readDetectors(p, type);
            if (session == null && specs.size() > 1) {
                session = "#" + out.size();
            }
            out.put(session, d);
        }
        return out;
    }

    static CaptureHistory captures(Path captures, Map<String, DetectorArray> detectors, Integer occasions,
            SecrText.CaptureFormat format) {
        Map<String, DetectorArray> bySession = detectors;
        if (detectors.size() > 1 && detectors.keySet().iterator().next().startsWith("#")) {
            // unlabeled detector files in session order: sessions in order of first appearance in the captures
            List<String> sessions = sessionsInOrder(captures);
            if (sessions.size() != detectors.size()) {
                throw Secr4jCommand.badInput(detectors.size() + " detector files for " + sessions.size() + " sessions "
                        + sessions + " in " + captures + "; use SESSION=FILE");
            }
            bySession = new LinkedHashMap<>();
            List<DetectorArray> list = new ArrayList<>(detectors.values());
            for (int i = 0; i < sessions.size(); i++) {
                bySession.put(sessions.get(i), list.get(i));
            }
        }
        Map<String, Integer> occ = new LinkedHashMap<>();
        if (occasions != null) {
            occ.put(null, occasions);
        }
        return isCsv(captures) ? CaptureCsv.read(captures, bySession, occ)
                : SecrText.readCaptures(captures, format, bySession, occ);
    }

    private static List<String> sessionsInOrder(Path captures) {
        List<String> out = new ArrayList<>();
        if (isCsv(captures)) {
            var t = org.secr4j.io.table.CsvTable.read(captures);
            int c = t.requireColumn("session");
            for (int r = 0; r < t.rows(); r++) {
                if (!out.contains(t.text(r, c))) {
                    out.add(t.text(r, c));
                }
            }
        } else {
            try {
                for (String line : java.nio.file.Files.readAllLines(captures)) {
                    String l = line.replaceAll("#.*", "").trim();
                    if (!l.isEmpty()) {
                        String s = l.split("\\s+")[0];
                        if (!out.contains(s)) {
                            out.add(s);
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new org.secr4j.io.DataFileException(captures.toString(), 0, 0, "cannot read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    static List<HabitatMask> masks(List<Path> files) {
        List<HabitatMask> out = new ArrayList<>();
        for (Path p : files) {
            out.add(MaskCsv.read(p));
        }
        return out;
    }
}
