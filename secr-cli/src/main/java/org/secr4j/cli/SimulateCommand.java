package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.detector.DetectorArray;
import org.secr4j.fit.FitOptions;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.ReplicateResult;
import org.secr4j.simulate.ScenarioSummary;
import org.secr4j.simulate.SimulationScenario;
import org.secr4j.simulate.SimulationStudy;
import org.secr4j.simulate.TrendPower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code secr4j simulate}: seeded simulation studies (simulate → fit) of a design, or one simulated data set. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate capture histories of a design and fit each (a simulation study: bias, RMSE, RSE, "
                + "coverage), or write one simulated data set; optionally the simulated power to detect a trend.")
final class SimulateCommand implements Callable<Integer> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Spec
    CommandSpec spec;

    @Mixin
    DesignOptions design;

    @Option(names = "--replicates", defaultValue = "100", description = "replicates of simulate -> fit (default ${DEFAULT-VALUE}; 0: only --write-captures)")
    int replicates;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the study (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "worker threads (results are identical for any number)")
    int threads;

    @Option(names = "--binomN", defaultValue = "0", description = "count detectors: 0 Poisson, 1 size = usage, N > 1 binomial")
    int binomN;

    @Option(names = "--model", description = "formulas of the fitted model (default D~1 g0~1 sigma~1; with --sigma-male "
            + "use sigma~h2 and --hcov sex)")
    List<String> model = new ArrayList<>();

    @Option(names = "--hcov", description = "individual covariate of a known-class mixture, e.g. sex")
    String hcov;

    @Option(names = "--write-captures", description = "write the first replicate's simulated captures (CSV) here")
    Path writeCaptures;

    @Mixin
    PowerOptions power;

    @Option(names = "--survival", description = "with --lambda: link the yearly populations by this survival "
            + "probability (recruits make up lambda); default: independent yearly populations")
    Double survival;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Option(names = "--out", description = "JSON output file (default stdout)")
    Path out;

    @Override
    public Integer call() throws Exception {
        design.check();
        if (replicates < 0 || threads < 1) {
            throw Secr4jCommand.badInput("--replicates must be >= 0 and --threads >= 1");
        }
        DetectorArray det = design.detectors();
        HabitatMask mask = design.mask(det);
        SimulationScenario sc = SimulationScenario.of("design", det, design.occasions, mask, design.density,
                design.simulator(binomN));
        if (design.sigmaMale != null) {
            sc = sc.withFactor("sex", List.of("F", "M"), design.femaleProportion, 1 - design.femaleProportion);
        }
        FitOptions fo = FitOptions.defaults().with(design.detectionFunction()).withBinomN(binomN);
        if (hcov != null) {
            fo = fo.withHcov(hcov);
        }
        sc = sc.withModel(ModelSpec.of(model.toArray(new String[0])), fo);
        if (writeCaptures != null) {
            // the same stream as replicate 0 of the study
            writeCaptures(sc.simulate(new SplittableRandom(seed).split()), writeCaptures);
        }
        ObjectNode o = F.objectNode();
        o.put("seed", seed);
        o.put("replicates", replicates);
        o.put("densityPerHectare", design.density);
        if (replicates > 0) {
            List<SimulationScenario> study = List.of(sc);
            ScenarioSummary s = ProgressDisplay.run("simulate", replicates, noProgress,
                    step -> SimulationStudy.run(study, replicates, seed, threads, step).get(0));
            o.set("summary", summary(s));
            ArrayNode rows = o.putArray("results");
            for (ReplicateResult r : s.results()) {
                ObjectNode n = rows.addObject();
                n.put("replicate", r.replicate() + 1);
                n.put("n", r.animals());
                n.put("detections", r.detections());
                n.put("estimate", r.estimate());
                n.put("se", r.se());
                n.put("lcl", r.lcl());
                n.put("ucl", r.ucl());
                n.put("converged", r.converged());
                if (r.failure() != null) {
                    n.put("failure", r.failure());
                }
            }
        }
        if (power.lambda != null) {
            TrendPower.Result p;
            try {
                p = survival == null
                        ? TrendPower.simulate(sc, power.lambda, power.years, power.alpha, Math.max(replicates, 1), seed,
                                threads)
                        : TrendPower.simulateOpen(sc, survival, power.lambda, power.years, power.alpha,
                                Math.max(replicates, 1), seed, threads);
            } catch (IllegalArgumentException e) {
                throw Secr4jCommand.badInput(e.getMessage());
            }
            ObjectNode pw = power.json(o);
            if (survival != null) {
                pw.put("survival", survival);
            }
            pw.put("simulated", p.power());
            pw.put("replicates", p.replicates());
            pw.put("usable", p.usable());
        }
        JsonOut.write(o, out, spec.commandLine());
        return 0;
    }

    private static ObjectNode summary(ScenarioSummary s) {
        ObjectNode n = F.objectNode();
        n.put("trueDensity", s.trueDensity());
        n.put("usable", s.usable());
        n.put("meanN", s.meanAnimals());
        n.put("meanDetections", s.meanDetections());
        n.put("meanEstimate", s.meanEstimate());
        n.put("relativeBias", s.relativeBias());
        n.put("relativeRmse", s.relativeRmse());
        n.put("meanRse", s.meanRse());
        n.put("empiricalRse", s.empiricalRse());
        n.put("coverage", s.coverage());
        return n;
    }

    /** The captures CSV layout of cli.md: session,animalID,occasion,detectorID[,covariates]. */
    private static void writeCaptures(CaptureHistory ch, Path file) throws IOException {
        Session s = ch.session(0);
        List<Covariate> cov = new ArrayList<>(s.individualCovariates().columns());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("session,animalID,occasion,detectorID");
            cov.forEach(c -> header.append(',').append(c.name()));
            w.println(header);
            for (Detection d : s.detections()) {
                for (int c = 0; c < d.count(); c++) {
                    StringBuilder line = new StringBuilder();
                    line.append(s.id()).append(',').append(s.animalId(d.animal())).append(',').append(d.occasion() + 1)
                            .append(',').append(s.detectors().id(d.detector()));
                    for (Covariate v : cov) {
                        line.append(',').append(v.textValue(d.animal()));
                    }
                    w.println(line);
                }
            }
        }
    }
}
