package org.secr4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.ExpectedCounts;
import picocli.CommandLine.Option;

/** The options that describe a survey design and the population it samples ({@code design}, {@code simulate}). */
final class DesignOptions {
    @Option(names = "--traps", required = true, description = "detector layout: CSV (detectorID,x,y[,usage…]) or secr text")
    String traps;

    @Option(names = "--detector", required = true, description = "multi, single, proximity or count")
    String detector;

    @Option(names = "--occasions", required = true, description = "number of sampling occasions")
    int occasions;

    @Option(names = "--density", required = true, description = "true density (animals per hectare)")
    double density;

    @Option(names = "--detectfn", defaultValue = "HN", description = "HN, HR, EX, HHN, HHR or HEX (default ${DEFAULT-VALUE})")
    String detectfn;

    @Option(names = {"--g0", "--lambda0"}, required = true, description = "detection intercept: g0 (HN, HR, EX) or lambda0 (HHN, HHR, HEX)")
    double intercept;

    @Option(names = "--sigma", required = true, description = "spatial scale sigma (metres); of females with --sigma-male")
    double sigma;

    @Option(names = "--z", defaultValue = "1", description = "shape of HR/HHR (default ${DEFAULT-VALUE})")
    double z;

    @Option(names = "--sigma-male", description = "sigma of males (metres): a population of two sexes (covariate sex, F/M)")
    Double sigmaMale;

    @Option(names = "--female-proportion", defaultValue = "0.5", description = "proportion of females with --sigma-male (default ${DEFAULT-VALUE})")
    double femaleProportion;

    @Option(names = "--mask", description = "habitat mask CSV x,y (the population lives on it)")
    Path mask;

    @Option(names = "--buffer", description = "mask buffer around the detectors (metres), with --spacing")
    Double buffer;

    @Option(names = "--spacing", description = "mask spacing (metres), with --buffer")
    Double spacing;

    DetectorArray detectors() {
        DetectorType type = DetectorType.parse(detector);
        return InputFiles.detectors(List.of(traps), type).values().iterator().next();
    }

    DetectionFunction detectionFunction() {
        return DetectionFunction.parse(detectfn);
    }

    HabitatMask mask(DetectorArray det) {
        if (mask != null) {
            if (buffer != null || spacing != null) {
                throw Secr4jCommand.badInput("give either --mask or --buffer with --spacing, not both");
            }
            return InputFiles.masks(List.of(mask)).get(0);
        }
        if (buffer == null || spacing == null) {
            throw Secr4jCommand.badInput("a mask is needed: --mask FILE, or --buffer METRES with --spacing METRES");
        }
        return HabitatMask.around(det, buffer, spacing);
    }

    void check() {
        if (occasions < 1) {
            throw Secr4jCommand.badInput("--occasions must be >= 1 but was " + occasions);
        }
        if (!(density > 0)) {
            throw Secr4jCommand.badInput("--density must be > 0 animals/ha but was " + density);
        }
        if (!(femaleProportion > 0 && femaleProportion < 1)) {
            throw Secr4jCommand.badInput("--female-proportion must lie in (0, 1) but was " + femaleProportion);
        }
    }

    CaptureSimulator simulator(int binomN) {
        CaptureSimulator sim = CaptureSimulator.of(detectionFunction(), intercept, sigma, z, binomN);
        if (sigmaMale != null) {
            sim = sim.withClass("sex", "F", intercept, sigma).withClass("sex", "M", intercept, sigmaMale);
        }
        return sim;
    }

    /** Expected counts of the design, mixing the sexes when σ differs by sex. */
    ExpectedCounts expected(DetectorArray det, HabitatMask m) {
        DetectionFunction fn = detectionFunction();
        ExpectedCounts f = ExpectedCounts.of(det, occasions, m, density, fn, intercept, sigma, z);
        if (sigmaMale == null) {
            return f;
        }
        ExpectedCounts male = ExpectedCounts.of(det, occasions, m, density, fn, intercept, sigmaMale, z);
        return ExpectedCounts.mixture(List.of(f, male), new double[] {femaleProportion, 1 - femaleProportion});
    }
}
