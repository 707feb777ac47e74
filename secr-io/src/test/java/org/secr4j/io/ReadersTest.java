package org.secr4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.secrtext.SecrText;
import org.secr4j.io.table.CaptureCsv;
import org.secr4j.io.table.CsvWriters;
import org.secr4j.io.table.DetectorCsv;
import org.secr4j.io.table.MaskCsv;
import org.secr4j.mask.HabitatMask;

class ReadersTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void readsDetectorsWithUsageAndCovariatesAndQuotedIdsWithSpaces() throws Exception {
        DetectorArray d = DetectorCsv.read(file("t.csv",
                "\"detectorID\",\"x\",\"y\",\"usage_occ1\",\"usage_occ2\",\"cov_habitat\"\n\"A 1\",0,0,1,0,\"forest\"\n\"A 2\",30,0,1,1,\"open\"\n"),
                DetectorType.PROXIMITY);
        assertEquals("A 1", d.id(0));
        assertEquals(0.0, d.usage(0, 1));
        assertEquals("habitat", d.covariates().names().get(0));
    }

    @Test
    void duplicateDetectorIdInAFileNamesBothLines() throws Exception {
        Path p = file("t.csv", "detectorID,x,y\nA,0,0\nB,1,1\nA,2,2\n");
        assertMessage(assertThrows(DataFileException.class, () -> DetectorCsv.read(p, DetectorType.MULTI)),
                "t.csv line 4 column 1", "duplicate detector ID 'A'", "line 2");
    }

    @Test
    void captureErrorsNameFileLineSessionAnimalOccasionAndDetector() throws Exception {
        DetectorArray d = DetectorCsv.read(file("t.csv", "detectorID,x,y,usage_occ1,usage_occ2\nA,0,0,1,0\nB,9,0,1,1\n"),
                DetectorType.PROXIMITY);
        Path caps = file("c.csv", "session,animalID,occasion,detectorID\nS,7,1,A\nS,7,2,A\n");
        DataFileException e = assertThrows(DataFileException.class, () -> CaptureCsv.read(caps, Map.of("S", d), Map.of()));
        assertEquals(3, e.line());
        assertMessage(e, "c.csv line 3", "session 'S'", "animal '7'", "occasion 2", "detector 'A'", "zero usage");
    }

    @Test
    void occasionBeyondUsageNamesBothSides() throws Exception {
        DetectorArray d = DetectorCsv.read(file("t.csv", "detectorID,x,y,usage_occ1,usage_occ2\nA,0,0,1,1\n"),
                DetectorType.PROXIMITY);
        Path caps = file("c.csv", "session,animalID,occasion,detectorID\nS,7,3,A\n");
        assertMessage(assertThrows(DataFileException.class, () -> CaptureCsv.read(caps, Map.of("S", d), Map.of())),
                "c.csv line 2", "occasion 3 is beyond the usage matrix (2 occasions)");
    }

    @Test
    void anEmptyCaptureFileIsAnError() throws Exception {
        DetectorArray d = DetectorCsv.read(file("t.csv", "detectorID,x,y\nA,0,0\n"), DetectorType.MULTI);
        Path caps = file("c.csv", "session,animalID,occasion,detectorID\n");
        assertMessage(assertThrows(DataFileException.class, () -> CaptureCsv.read(caps, Map.of("S", d), Map.of())),
                "c.csv", "no captures");
    }

    @Test
    void aMaskFileOffTheGridIsAnError() throws Exception {
        Path m = file("m.csv", "x,y\n0,0\n10,0\n20,0\n33,10\n");
        assertMessage(assertThrows(DataFileException.class, () -> MaskCsv.read(m)), "m.csv", "not a square-grid mask",
                "point 4");
    }

    @Test
    void readsSecrTextFormatsWithCommentsDeathsAndUsage() throws Exception {
        Path traps = file("trap.txt", "# ID x y usage\nA1 0 0 111\nA2 30 0 101\n");
        Path capt = file("capt.txt", "# Session ID Occasion Detector\nS1 1 1 A1\nS1 1 -2 A1\nS1 2 3 A2\n");
        DetectorArray d = SecrText.readDetectors(traps, DetectorType.PROXIMITY);
        Map<String, DetectorArray> m = new LinkedHashMap<>();
        m.put(null, d);
        CaptureHistory h = SecrText.readCaptures(capt, SecrText.CaptureFormat.TRAP_ID, m, Map.of());
        assertEquals(2, h.animalCount());
        assertEquals(3, h.session(0).occasions());
        assertEquals(1, h.session(0).removedOn(0)); // animal 1 removed on occasion 2 (0-based 1)
    }

    @Test
    void writtenCsvReadsBackIdentically() throws Exception {
        DetectorArray d = DetectorArray.of(DetectorType.PROXIMITY, java.util.List.of("X 1", "X,2"), new double[] {0.1, 30.25},
                new double[] {-5, 1e6}).withUsage(new double[][] {{1, 0.5}, {1, 1}});
        CsvWriters.writeDetectors(d, dir.resolve("w.csv"));
        assertEquals(d, DetectorCsv.read(dir.resolve("w.csv"), DetectorType.PROXIMITY));
    }

    @Test
    void maskSpacingIsInferredFromTheGrid() throws Exception {
        HabitatMask m = MaskCsv.read(file("m.csv", "x,y,elev\n0,0,5\n7.5,0,6\n0,15,NA\n"));
        assertEquals(7.5, m.spacingMetres());
        assertEquals(7.5 * 7.5 / 10_000, m.cellAreaHectares());
        assertTrue(Double.isNaN(m.covariates().get("elev").get().numericValue(2)));
    }
}
