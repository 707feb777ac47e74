package org.secr4j.io.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.table.CaptureCsv;
import org.secr4j.io.table.DetectorCsv;
import org.secr4j.io.table.MaskCsv;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;

/**
 * One fit by R secr in {@code ../shared/reference/<case>.json}, with the data it used (read from
 * {@code ../shared/data}) and its mask. The data set and detector type of each case are written
 * out in {@link #load}, from the case's {@code call} and {@code description}.
 */
final class ReferenceCase {
    final String name;
    final JsonNode json;
    final CaptureHistory history;
    final List<HabitatMask> masks;
    final DetectionFunction detectfn;
    final LikelihoodType type;
    final int binomN;

    private ReferenceCase(String name, JsonNode json, CaptureHistory history, List<HabitatMask> masks, int binomN) {
        this.name = name;
        this.json = json;
        this.history = history;
        this.masks = masks;
        this.detectfn = DetectionFunction.parse(json.get("detectfn").get("name").asText());
        this.type = json.get("CL").asBoolean() ? LikelihoodType.CONDITIONAL : LikelihoodType.FULL;
        this.binomN = binomN;
    }

    static Path shared() {
        return Path.of(System.getProperty("secr4j.shared", "../../shared")).toAbsolutePath().normalize();
    }

    /**
     * Loads a case. {@code dataDir} is the folder under ../shared/data (or the reference folder for
     * refL); {@code type} the detector type used in the R call (captdata and possum: single-catch
     * traps fitted as multi-catch; stoatDNA and captdata_proximity: retyped to proximity).
     */
    static ReferenceCase load(String name, String dataDir, DetectorType type, int binomN) {
        Path root = shared();
        Path ref = root.resolve("reference");
        Path jsonPath = name.equals("refL") ? ref.resolve("refL/refL.json") : ref.resolve(name + ".json");
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Files.readString(jsonPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dataDir.startsWith("reference/") ? root.resolve(dataDir) : root.resolve("data").resolve(dataDir);
        JsonNode summary = json.get("data_summary");
        Map<String, DetectorArray> detectors = new LinkedHashMap<>();
        Map<String, Integer> occasions = new LinkedHashMap<>();
        List<String> sessions = new ArrayList<>();
        summary.fieldNames().forEachRemaining(sessions::add);
        for (String s : sessions) {
            Path traps = data.resolve(sessions.size() == 1 ? "traps.csv" : "traps_" + s + ".csv");
            detectors.put(s, DetectorCsv.read(traps, type));
            occasions.put(s, summary.get(s).get("n_occasions").asInt());
        }
        CaptureHistory ch = CaptureCsv.read(data.resolve("captures.csv"), detectors, occasions);
        List<HabitatMask> masks = new ArrayList<>();
        for (JsonNode m : json.get("mask")) {
            Path mp = name.equals("refL") ? ref.resolve("refL").resolve(m.get("file").asText()) : ref.resolve(m.get("file").asText());
            masks.add(MaskCsv.read(mp));
        }
        return new ReferenceCase(name, json, ch, masks, binomN);
    }

    /** The model formulas of the R call ({@code model} in the JSON). */
    org.secr4j.model.ModelSpec model() {
        List<String> f = new ArrayList<>();
        json.get("model").fields().forEachRemaining(e -> f.add(e.getKey() + e.getValue().asText()));
        return org.secr4j.model.ModelSpec.of(f.toArray(new String[0]));
    }

    /** secr's hcov (individual covariate of a known-class mixture), or null. */
    String hcov() {
        JsonNode h = json.get("hcov");
        return h == null || h.isNull() ? null : h.asText();
    }

    double[] beta() {
        JsonNode b = json.get("coef").get("beta");
        double[] out = new double[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i).asDouble();
        }
        return out;
    }

    double[] se() {
        JsonNode b = json.get("coef").get("SE");
        double[] out = new double[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i).asDouble();
        }
        return out;
    }

    double logLik() {
        return json.get("logLik").asDouble();
    }
}
