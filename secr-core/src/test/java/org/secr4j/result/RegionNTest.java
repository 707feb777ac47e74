package org.secr4j.result;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.ModelSpec;

/** Population size in a JTS region: the whole mask, and two halves that partition it. */
class RegionNTest {
    static final CaptureHistory CH = TestSurveys.history(DetectorType.PROXIMITY, DetectionFunction.HN, 0, 71);
    static final HabitatMask MASK = TestSurveys.mask(CH.session(0).detectors());
    static final FittedModel FIT = SecrFitter.with(FitOptions.defaults()).fit(CH, List.of(MASK), ModelSpec.constant());
    static final GeometryFactory GF = new GeometryFactory();

    static Geometry box(double x0, double x1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, -1e4), new Coordinate(x1, -1e4),
            new Coordinate(x1, 1e4), new Coordinate(x0, 1e4), new Coordinate(x0, -1e4)});
    }

    @Test
    void aRegionCoveringTheMaskGivesTheWholeMaskFigures() {
        RegionN whole = FIT.regionN().get(0);
        RegionN region = FIT.regionN(box(-1e4, 1e4)).get(0);
        Tolerance.ROUNDING.assertClose(whole.areaHectares(), region.areaHectares(), "area");
        Tolerance.ROUNDING.assertClose(whole.expected().estimate(), region.expected().estimate(), "E.N");
        Tolerance.ROUNDING.assertClose(whole.realised().estimate(), region.realised().estimate(), "R.N");
        Tolerance.ROUNDING.assertClose(CH.animalCount(), region.detectedInRegion(), "detected animals");
    }

    @Test
    void twoHalvesPartitionExpectedAndRealisedN() {
        double cut = 50.5; // between mask columns (detectors at 0..100 m, mask spacing 8 m)
        RegionN west = FIT.regionN(box(-1e4, cut)).get(0);
        RegionN east = FIT.regionN(box(cut, 1e4)).get(0);
        RegionN whole = FIT.regionN().get(0);
        Tolerance.ROUNDING.assertClose(whole.areaHectares(), west.areaHectares() + east.areaHectares(), "area");
        Tolerance.ROUNDING.assertClose(whole.expected().estimate(), west.expected().estimate() + east.expected().estimate(),
                "E.N");
        Tolerance.ROUNDING.assertClose(CH.animalCount(), west.detectedInRegion() + east.detectedInRegion(), "detected");
        Tolerance.ROUNDING.assertClose(whole.realised().estimate(), west.realised().estimate() + east.realised().estimate(),
                "R.N");
    }
}
