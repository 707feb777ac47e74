package org.secr4j.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;

class HabitatMaskTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final DetectorArray ONE = DetectorArray.of(DetectorType.PROXIMITY, List.of("A"), new double[] {0},
            new double[] {0});

    private static Geometry square(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
            new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    @Test
    void bufferKeepsGridPointsWithinTheBufferOfADetector() {
        HabitatMask m = HabitatMask.around(ONE, 50, 10);
        // centres at -45, -35, ..., 45 in each direction; kept when within 50 m of (0,0)
        int expected = 0;
        for (double x = -45; x <= 45; x += 10) {
            for (double y = -45; y <= 45; y += 10) {
                expected += x * x + y * y <= 2500 ? 1 : 0;
            }
        }
        assertEquals(expected, m.size());
        assertEquals(0.01, m.cellAreaHectares(), 1e-15);
        for (int i = 0; i < m.size(); i++) {
            assertTrue(m.x(i) * m.x(i) + m.y(i) * m.y(i) <= 2500);
        }
    }

    @Test
    void clippingAndExcludingAPolygonPartitionTheMask() {
        HabitatMask m = HabitatMask.around(ONE, 50, 10);
        Geometry east = square(0, -100, 100, 100);
        HabitatMask in = m.clippedTo(east);
        HabitatMask out = m.excluding(east);
        assertEquals(m.size(), in.size() + out.size());
        for (int i = 0; i < in.size(); i++) {
            assertTrue(in.x(i) > 0);
        }
        for (int i = 0; i < out.size(); i++) {
            assertTrue(out.x(i) < 0);
        }
        assertEquals(in.spacingMetres(), m.spacingMetres());
    }

    @Test
    void excludingEverythingLeavesNoPointsAndSaysSo() {
        HabitatMask m = HabitatMask.around(ONE, 50, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.excluding(square(-1000, -1000, 1000, 1000)));
        assertTrue(e.getMessage().contains("no points"), e.getMessage());
    }

    @Test
    void fromPointsInfersTheSpacing() {
        HabitatMask m = HabitatMask.fromPoints(new double[] {5, 25, 15}, new double[] {5, 5, 45}, null);
        assertEquals(10, m.spacingMetres());
        assertEquals(3 * 0.01, m.areaHectares(), 1e-15);
    }
}
