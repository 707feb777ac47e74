package org.secr4j.capture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;

/** Bad data gets an error naming session, animal, occasion and detector (and both sides of a mismatch). */
class BadInputTest {
    private static final DetectorArray TRAPS = DetectorArray.of(DetectorType.PROXIMITY, List.of("A", "B"),
            new double[] {0, 30}, new double[] {0, 0});

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void captureAtAnUnknownDetectorNamesEverything() {
        var b = CaptureHistory.builder().session("S1", TRAPS, 3);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> b.detection("caps.csv line 4", "S1", "F7", 2, "Z9", true, 1)),
                "caps.csv line 4", "session 'S1'", "animal 'F7'", "occasion 2", "detector 'Z9'", "unknown detector");
    }

    @Test
    void occasionBeyondTheUsageMatrixGivesBothSides() {
        DetectorArray withUsage = TRAPS.withUsage(new double[][] {{1, 1, 1}, {1, 0, 1}});
        var b = CaptureHistory.builder().session("S1", withUsage, 3);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> b.detection("caps.csv line 9", "S1", "M2", 4, "A", true, 1)),
                "occasion 4", "usage matrix (3 occasions)");
    }

    @Test
    void usageAndHistoryWithDifferentOccasionCountsAreAMismatch() {
        DetectorArray withUsage = TRAPS.withUsage(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}});
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> CaptureHistory.builder().session("S1", withUsage, 6)),
                "usage has 5 occasions but the capture history has 6");
    }

    @Test
    void detectionAtADetectorWithZeroUsageIsRejected() {
        DetectorArray withUsage = TRAPS.withUsage(new double[][] {{1, 1, 1}, {1, 0, 1}});
        var b = CaptureHistory.builder().session("S1", withUsage, 3);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> b.detection("caps.csv line 2", "S1", "M2", 2, "B", true, 1)),
                "animal 'M2'", "occasion 2", "detector 'B'", "zero usage");
    }

    @Test
    void duplicateDetectorIdsNameBothRows() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> DetectorArray.of(DetectorType.MULTI,
                List.of("A", "B", "A"), new double[3], new double[3])), "duplicate detector ID 'A'", "1 and 3");
    }

    @Test
    void twoCapturesOfOneAnimalInAMultiCatchTrapOccasionAreRejected() {
        var b = CaptureHistory.builder().session("S1", TRAPS.withType(DetectorType.MULTI), 3);
        b.detection("l2", "S1", "M1", 1, "A", true, 1);
        b.detection("l3", "S1", "M1", 1, "B", true, 1);
        assertMessage(assertThrows(IllegalArgumentException.class, b::build), "animal 'M1'", "occasion 1",
                "already caught at detector 'A'");
    }

    @Test
    void detectionAfterRemovalIsRejected() {
        var b = CaptureHistory.builder().session("S1", TRAPS, 3);
        b.detection("l2", "S1", "M1", 1, "A", false, 1);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> b.detection("l3", "S1", "M1", 2, "B", true, 1)), "detected after its removal on occasion 1");
    }

    @Test
    void aMaskWithNoPointsIsRejected() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> HabitatMask.fromPoints(new double[0], new double[0], null)), "no points");
    }

    @Test
    void aNonGridMaskNamesTheOffendingPoint() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> HabitatMask.fromPoints(
                new double[] {0, 10, 20, 33}, new double[] {0, 0, 0, 0}, null)), "point 4 (33.0, 0.0)", "off the grid");
    }
}
