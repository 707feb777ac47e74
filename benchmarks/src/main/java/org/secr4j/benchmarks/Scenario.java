package org.secr4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.table.CaptureCsv;
import org.secr4j.io.table.DetectorCsv;
import org.secr4j.io.table.MaskCsv;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * Benchmark inputs, by name:
 * <ul>
 *   <li>{@code captdata}: R secr's captdata (100 traps, 76 animals, 5 occasions) on the
 *       3,936-point mask of ../shared/reference/captdata_HN, multi-catch, HN, at secr's MLE;</li>
 *   <li>{@code refL}: ../shared/reference/refL (400 proximity detectors, 152 animals, 14,884-point
 *       mask), HN, at secr's MLE;</li>
 *   <li>{@code refLb}: refL with a learned response, {@code g0 ~ b}, at secr's MLE of the null model and the
 *       response's coefficient 0: the null model's likelihood through the general kernel (two parameter
 *       combinations, naive and caught), what a learned response costs on a large survey;</li>
 *   <li>{@code simLarge}: simulated, no files needed: 30 × 30 proximity detectors at 30 m, 5
 *       occasions, D = 3/ha, g0 = 0.2, σ = 25 m, mask buffer 100 m at 5 m (about 40,000 points).</li>
 *   <li>{@code multiSex}: simulated, no files needed: three yearly sessions of 20 × 20 proximity
 *       detectors at 40 m (each year's grid shifted, 5, 6 and 4 occasions, masks buffer 120 m at 8 m,
 *       about 15,600 points each), D = 2/ha, g0 = 0.2, sex-specific σ (F 25 m, M 40 m, half each);
 *       model {@code D~session, sigma~h2} with {@code hcov = "sex"} at the true values.</li>
 *   <li>{@code hhn}: simulated, no files needed: 20 × 20 proximity detectors at 30 m, 5 occasions,
 *       hazard half-normal (HHN) with D = 3/ha, lambda0 = 0.3, σ = 25 m, mask buffer 100 m at 5 m (about
 *       23,000 points), null model at the true values: the fused pass in its hazard form;</li>
 *   <li>{@code hhnGeneral}: the same data and likelihood as {@code hhn} through the general kernel, as
 *       {@code lambda0 ~ t} with every occasion effect 0 (the comparison the fused pass is measured against);</li>
 *   <li>{@code cameras}: simulated, no files needed: camera traps that failed, 20 × 20 proximity detectors at
 *       30 m, 8 occasions; a tenth of the cameras never ran and a fifth stopped after a random occasion (so the
 *       occasions have eight distinct usage vectors); D = 3/ha, g0 = 0.2, σ = 25 m, mask buffer 100 m at 5 m
 *       (about 23,000 points), null model at the true values: the fused pass with weighted hazard sums;</li>
 *   <li>{@code camerasGeneral}: the same data and likelihood as {@code cameras} through the general kernel, as
 *       {@code g0 ~ t} with every occasion effect 0;</li>
 *   <li>{@code hornedlizard}: R secr's hornedlizardCH, one 300 m square searched on 14 occasions (polygonX, 68
 *       animals), on the 3,960-point mask of ../shared/reference/hornedlizard_HHN, HHN, at secr's MLE: the
 *       square's integrals in closed form, from per-column and per-row factors;</li>
 *   <li>{@code hornedlizardQuadrature}: the same data and likelihood with the square given with a fifth vertex
 *       in the middle of one side, which is no longer recognised as a rectangle and takes the edge-wise
 *       quadrature (the comparison the closed form is measured against);</li>
 *   <li>{@code large500}: simulated, no files needed: issue #4's memory case, five sessions of
 *       25 × 20 = 500 proximity detectors at 40 m, 5 occasions, masks buffer 200 m at 5.6 m (about
 *       50,000 points each), D = 1/ha, g0 = 0.2, σ = 25 m, null model at the true values.</li>
 * </ul>
 * ../shared is found through the system property {@code secr4j.shared} (default {@code ../shared}).
 */
public record Scenario(String name, CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout,
        double[] beta, ModelSpec model, String hcov) {

    /** A scenario of the null model (D~1, g0~1, sigma~1) without hcov. */
    public Scenario(String name, CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout, double[] beta) {
        this(name, history, masks, layout, beta, ModelSpec.constant(), null);
    }

    public static Path shared() {
        return Path.of(System.getProperty("secr4j.shared", "../shared")).toAbsolutePath().normalize();
    }

    public static Scenario load(String name) {
        ParameterLayout hn = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        switch (name) {
            case "captdata":
                return captdata(name, DetectionFunction.HN, "captdata_HN",
                        new double[] {1.7010691649095, -0.97849335306216, 3.37983182196206});
            case "captdataHR":
                // the captdata_HR reference case: multi-catch traps, hazard rate, at secr's MLE
                return captdata(name, DetectionFunction.HR, "captdata_HR",
                        new double[] {1.71385653448562, -1.64621083170828, 3.88049767990234, 2.06996290091264});
            case "possum": {
                // the possum_HN reference case: 180 single-catch traps (fitted as multi-catch), at secr's MLE
                Path d = shared().resolve("data/possum");
                require(d);
                DetectorArray t = DetectorCsv.read(d.resolve("traps.csv"), DetectorType.MULTI);
                CaptureHistory ch = CaptureCsv.read(d.resolve("captures.csv"), Map.of("WaitarerePossums", t),
                        Map.of("WaitarerePossums", 5));
                HabitatMask m = MaskCsv.read(shared().resolve("reference/possum_HN_mask.csv"));
                return new Scenario(name, ch, List.of(m), hn, new double[] {0.525790710021079, -1.43549630798589, 3.94150061048423});
            }
            case "refL": {
                Path d = shared().resolve("reference/refL");
                require(d);
                DetectorArray t = DetectorCsv.read(d.resolve("traps.csv"), DetectorType.PROXIMITY);
                CaptureHistory ch = CaptureCsv.read(d.resolve("captures.csv"), Map.of("1", t), Map.of("1", 5));
                HabitatMask m = MaskCsv.read(d.resolve("refL_mask.csv"));
                return new Scenario(name, ch, List.of(m), hn, new double[] {1.297488, -1.414518, 3.24077});
            }
            case "hornedlizard":
            case "hornedlizardQuadrature":
                return hornedlizard(name);
            case "refLb":
                return withZeroEffects(name, load("refL"), DetectionFunction.HN, "g0~b");
            case "simLarge":
                return simulatedGrid(name, 30, DetectionFunction.HN, 0.2, 42);
            case "multiSex":
                return multiSex();
            case "large500":
                return large500();
            case "hhn":
            case "hhnGeneral":
                return hhn(name);
            case "cameras":
            case "camerasGeneral":
                return cameras(name);
            default:
                throw new IllegalArgumentException("unknown scenario " + name
                        + "; known: captdata, captdataHR, possum, refL, refLb, simLarge, multiSex, large500, hhn, hhnGeneral, cameras, camerasGeneral,"
                        + " hornedlizard, hornedlizardQuadrature");
        }
    }

    /** captdata's multi-catch traps and 5 occasions, the constant model of {@code fn} on reference case {@code ref}'s mask. */
    private static Scenario captdata(String name, DetectionFunction fn, String ref, double[] beta) {
        Path d = shared().resolve("data/captdata");
        require(d);
        DetectorArray t = DetectorCsv.read(d.resolve("traps.csv"), DetectorType.MULTI);
        CaptureHistory ch = CaptureCsv.read(d.resolve("captures.csv"), Map.of("1", t), Map.of("1", 5));
        HabitatMask m = MaskCsv.read(shared().resolve("reference/" + ref + "_mask.csv"));
        return new Scenario(name, ch, List.of(m), ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL), beta);
    }

    private static Scenario hornedlizard(String name) {
        Path d = shared().resolve("data/hornedlizard");
        require(d);
        DetectorArray square = DetectorCsv.read(d.resolve("traps.csv"), DetectorType.POLYGON_X);
        DetectorArray t = square;
        if (name.equals("hornedlizardQuadrature")) {
            double[] x = square.vertexX(0);
            double[] y = square.vertexY(0);
            double[] x5 = {x[0], (x[0] + x[1]) / 2, x[1], x[2], x[3]};
            double[] y5 = {y[0], (y[0] + y[1]) / 2, y[1], y[2], y[3]};
            t = DetectorArray.ofSearchAreas(DetectorType.POLYGON_X, List.of(square.id(0)), List.of(x5), List.of(y5));
        }
        CaptureHistory ch = CaptureCsv.read(d.resolve("captures.csv"), Map.of("1", t), Map.of("1", 14));
        HabitatMask m = MaskCsv.read(shared().resolve("reference/hornedlizard_HHN_mask.csv"));
        ParameterLayout hhn = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HHN, LikelihoodType.FULL);
        return new Scenario(name, ch, List.of(m), hhn, new double[] {2.08107467875667, -2.0271253816911, 2.91803450951625});
    }

    private static Scenario multiSex() {
        SplittableRandom r = new SplittableRandom(2026);
        String[] years = {"2024", "2025", "2026"};
        int[] occasions = {5, 6, 4};
        List<org.secr4j.capture.Session> sessions = new java.util.ArrayList<>();
        List<HabitatMask> masks = new java.util.ArrayList<>();
        CaptureSimulator sim = CaptureSimulator.of(DetectionFunction.HN, 0.2, 25, 1, 0).withClass("sex", "F", 0.2, 25)
                .withClass("sex", "M", 0.2, 40);
        for (int y = 0; y < years.length; y++) {
            DetectorArray t = CaptureSimulator.grid(DetectorType.PROXIMITY, 20, 20, 40, 13 * y, -7 * y);
            HabitatMask m = HabitatMask.around(t, 120, 8);
            Population pop = Population.poisson(m, 2, r).withFactor("sex", List.of("F", "M"), new double[] {0.5, 0.5}, r);
            sessions.add(sim.simulate(years[y], pop, t, occasions[y], r));
            masks.add(m);
        }
        CaptureHistory ch = CaptureHistory.of(sessions);
        ModelSpec model = ModelSpec.of("D~session", "sigma~h2");
        ParameterLayout layout = ParameterLayout.bind(model, DetectionFunction.HN, LikelihoodType.FULL, Map.of(), ch, "sex");
        double[] beta = new double[layout.size()];
        List<String> names = layout.coefficientNames();
        beta[names.indexOf("D")] = Math.log(2);
        beta[names.indexOf("g0")] = Math.log(0.2 / 0.8);
        beta[names.indexOf("sigma")] = Math.log(25);
        beta[names.indexOf("sigma.h2M")] = Math.log(40.0 / 25);
        return new Scenario("multiSex", ch, masks, layout, beta, model, "sex");
    }

    /**
     * The likelihood options this scenario needs beside the benchmark's own: {@code hhn}, {@code cameras},
     * their general twins and {@code refLb} report the constant of the uncollapsed detections (a model with ~t cannot collapse
     * proximity detections over occasions), so that each pair gives the same log-likelihood.
     */
    public LikelihoodOptions options(LikelihoodOptions o) {
        return name.startsWith("hhn") || name.startsWith("cameras") || name.equals("refLb") ? o.withFastProximity(false) : o;
    }

    /**
     * A simulated survey: side × side proximity detectors at 30 m, 5 occasions, D = 3/ha, intercept {@code a}
     * (g0 or lambda0), σ = 25 m, mask buffer 100 m at 5 m; the constant model at the true values.
     */
    private static Scenario simulatedGrid(String name, int side, DetectionFunction fn, double a, long seed) {
        DetectorArray t = CaptureSimulator.grid(DetectorType.PROXIMITY, side, side, 30, 0, 0);
        HabitatMask m = HabitatMask.around(t, 100, 5);
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.poisson(m, 3, r);
        CaptureHistory ch = CaptureHistory.of(CaptureSimulator.of(fn, a, 25, 1, 0).simulate("1", pop, t, 5, r));
        double intercept = fn.isHazard() ? Math.log(a) : Math.log(a / (1 - a));
        return new Scenario(name, ch, List.of(m), ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL),
                new double[] {Math.log(3), intercept, Math.log(25)});
    }

    private static Scenario hhn(String name) {
        Scenario constant = simulatedGrid(name, 20, DetectionFunction.HHN, 0.3, 3);
        return name.equals("hhn") ? constant : withZeroOccasionEffects(constant, DetectionFunction.HHN, "lambda0");
    }

    /**
     * The null model {@code constant} (coefficients D, {@code a0}, sigma) as {@code a0 ~ t} with every occasion
     * effect 0: the same likelihood through the general kernel.
     */
    private static Scenario withZeroOccasionEffects(Scenario constant, DetectionFunction fn, String a0) {
        return withZeroEffects(constant.name(), constant, fn, a0 + "~t");
    }

    /**
     * The null model {@code constant} (coefficients D, the intercept, sigma) with the intercept's {@code formula}
     * (such as {@code g0~b}), every effect of its terms 0: the same likelihood through the general kernel.
     */
    private static Scenario withZeroEffects(String name, Scenario constant, DetectionFunction fn, String formula) {
        ModelSpec model = ModelSpec.of(formula);
        ParameterLayout layout = ParameterLayout.bind(model, fn, LikelihoodType.FULL, Map.of(), constant.history());
        double[] beta = new double[layout.size()];
        List<String> names = layout.coefficientNames();
        beta[names.indexOf("D")] = constant.beta()[0];
        beta[names.indexOf(formula.substring(0, formula.indexOf('~')))] = constant.beta()[1];
        beta[names.indexOf("sigma")] = constant.beta()[2];
        return new Scenario(name, constant.history(), constant.masks(), layout, beta, model, null);
    }

    private static Scenario cameras(String name) {
        int occasions = 8;
        DetectorArray grid = CaptureSimulator.grid(DetectorType.PROXIMITY, 20, 20, 30, 0, 0);
        SplittableRandom r = new SplittableRandom(450);
        double[][] usage = new double[grid.size()][occasions];
        for (double[] u : usage) {
            double x = r.nextDouble();
            int last = x < 0.1 ? -1 : x < 0.3 ? r.nextInt(occasions - 1) : occasions - 1; // never, stopped, all
            for (int s = 0; s <= last; s++) {
                u[s] = 1;
            }
        }
        DetectorArray t = grid.withUsage(usage);
        HabitatMask m = HabitatMask.around(t, 100, 5);
        Population pop = Population.poisson(m, 3, r);
        CaptureHistory ch = CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.2, 25, 1, 0)
                .simulate("1", pop, t, occasions, r));
        double[] beta = {Math.log(3), Math.log(0.2 / 0.8), Math.log(25)};
        ParameterLayout hn = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        Scenario constant = new Scenario(name, ch, List.of(m), hn, beta);
        return name.equals("cameras") ? constant : withZeroOccasionEffects(constant, DetectionFunction.HN, "g0");
    }

    private static Scenario large500() {
        SplittableRandom r = new SplittableRandom(500);
        List<org.secr4j.capture.Session> sessions = new java.util.ArrayList<>();
        List<HabitatMask> masks = new java.util.ArrayList<>();
        CaptureSimulator sim = CaptureSimulator.of(DetectionFunction.HN, 0.2, 25, 1, 0);
        for (int y = 0; y < 5; y++) {
            DetectorArray t = CaptureSimulator.grid(DetectorType.PROXIMITY, 25, 20, 40, 0, 0);
            HabitatMask m = HabitatMask.around(t, 200, 5.6);
            sessions.add(sim.simulate(Integer.toString(y + 1), Population.poisson(m, 1, r), t, 5, r));
            masks.add(m);
        }
        ParameterLayout hn = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        return new Scenario("large500", CaptureHistory.of(sessions), masks, hn,
                new double[] {0, Math.log(0.2 / 0.8), Math.log(25)});
    }

    private static void require(Path p) {
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(p + " not found: set -Dsecr4j.shared=PATH to the shared reference folder");
        }
    }
}
