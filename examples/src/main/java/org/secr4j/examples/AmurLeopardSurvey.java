package org.secr4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.table.CsvWriters;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * The bundled example: a camera-trap survey of Amur leopards simulated by secr4j (not real data).
 *
 * <p>Design: 80 camera stations (10 × 8 grid, 2.5 km apart) in projected coordinates (metres,
 * UTM-like), 12 occasions of 5 days (60 days); some cameras failed (usage 0 from a random
 * occasion on). Truth: density 1.5 leopards per 100 km² (1.5e-4/ha), half-normal detection with
 * g0 = 0.1 per occasion and σ = 3,000 m; population region = detectors + 15 km.
 *
 * <p>Run {@code main} to write {@code examples/data/amur-leopard/{traps,captures}.csv}; the test
 * {@code AmurLeopardSurveyTest} checks that the committed files are exactly what this code makes.
 */
public final class AmurLeopardSurvey {
    /** The seed of the committed data. */
    public static final long SEED = 20261121L;
    public static final double DENSITY_PER_HECTARE = 1.5e-4;
    public static final double G0 = 0.1;
    public static final double SIGMA_METRES = 3000;
    public static final int OCCASIONS = 12;
    public static final double POPULATION_BUFFER_METRES = 15_000;
    public static final double POPULATION_SPACING_METRES = 500;
    /** Cameras that fail during the survey. */
    public static final int FAILED_CAMERAS = 6;

    private AmurLeopardSurvey() {}

    /** The camera stations with their usage (1 = operating, 0 = failed). */
    public static DetectorArray cameras(SplittableRandom random) {
        DetectorArray grid = CaptureSimulator.grid(DetectorType.PROXIMITY, 10, 8, 2500, 392_500, 4_780_000);
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < grid.size(); k++) {
            ids.add(String.format(java.util.Locale.ROOT, "LL%03d", k + 1));
        }
        DetectorArray cams = DetectorArray.of(DetectorType.PROXIMITY, ids, grid.xs(), grid.ys());
        double[][] usage = new double[cams.size()][OCCASIONS];
        for (double[] row : usage) {
            java.util.Arrays.fill(row, 1);
        }
        for (int f = 0; f < FAILED_CAMERAS; f++) {
            int k = random.nextInt(cams.size());
            int from = 1 + random.nextInt(OCCASIONS - 1);
            for (int s = from; s < OCCASIONS; s++) {
                usage[k][s] = 0;
            }
        }
        return cams.withUsage(usage);
    }

    /** Simulates the survey from {@code seed}: the same seed gives the same data. */
    public static CaptureHistory simulate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DetectorArray cams = cameras(random.split());
        HabitatMask region = HabitatMask.around(cams, POPULATION_BUFFER_METRES, POPULATION_SPACING_METRES);
        Population pop = Population.poisson(region, DENSITY_PER_HECTARE, random.split());
        Session s = CaptureSimulator.of(DetectionFunction.HN, G0, SIGMA_METRES, 1, 0)
                .simulate("LLNP-2026", pop, cams, OCCASIONS, random.split());
        return CaptureHistory.of(s);
    }

    /** Writes traps.csv and captures.csv into {@code dir}. */
    public static void write(CaptureHistory h, Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        CsvWriters.writeDetectors(h.session(0).detectors(), dir.resolve("traps.csv"));
        CsvWriters.writeCaptures(h, dir.resolve("captures.csv"));
    }

    public static void main(String[] args) throws java.io.IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/data/amur-leopard");
        CaptureHistory h = simulate(SEED);
        write(h, dir);
        System.out.println("wrote " + dir + ": " + h);
    }
}
