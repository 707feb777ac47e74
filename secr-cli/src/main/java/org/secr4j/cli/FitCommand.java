package org.secr4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.io.secrtext.SecrText;
import org.secr4j.likelihood.HcovPoissonTerm;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.result.FittedModel;
import org.secr4j.result.HessianMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code secr4j fit}: fits an SECR model and writes the JSON of ../shared/docs/cli.md (or a table). */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit an SECR density model by maximum likelihood (as R secr's secr.fit).")
class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--captures", required = true, description = "captures: CSV (session,animalID,occasion,detectorID[,alive][,x,y: location of a polygon/transect detection][,covariates]) or secr text")
    Path captures;

    @Option(names = "--traps", required = true, description = "detectors per session, in session order or SESSION=FILE: CSV (detectorID,x,y[,usage_occ1..][,covariates]) or secr text")
    List<String> traps;

    @Option(names = "--detector", required = true, description = "multi, single, proximity, count, or the search types polygon, polygonX, transect, transectX (traps CSV: detectorID,vertex,x,y)")
    String detector;

    @Option(names = "--binomN", defaultValue = "0", description = "count detectors: 0 Poisson, 1 size = usage, N > 1 binomial (default ${DEFAULT-VALUE})")
    int binomN;

    @Option(names = "--mask", description = "mask CSV x,y[,covariates], one per session or one for all")
    List<Path> mask;

    @Option(names = "--buffer", description = "mask buffer around the detectors (metres), with --spacing")
    Double buffer;

    @Option(names = "--spacing", description = "mask spacing (metres), with --buffer")
    Double spacing;

    @Option(names = "--detectfn", defaultValue = "HN", description = "HN, HR, EX, HHN, HHR or HEX (default ${DEFAULT-VALUE})")
    String detectfn;

    @Option(names = "--model", description = "a formula per parameter, e.g. \"D~1\" \"g0~1\" \"sigma~1\"")
    List<String> model = new ArrayList<>();

    @Option(names = "--cl", description = "conditional likelihood (D derived afterwards)")
    boolean cl;

    @Option(names = "--distribution", defaultValue = "poisson", description = "poisson or binomial N (full likelihood)")
    String distribution;

    @Option(names = "--hcov", description = "individual covariate giving known mixture classes, e.g. sex (secr's hcov)")
    String hcov;

    @Option(names = "--hcov-poisson", defaultValue = "mixture", description = "with --hcov, the full likelihood's Poisson "
            + "term for n: mixture (the model's, D pi_h a_h; default) or harmonic (secr's, the detected animals' harmonic "
            + "esa: the same MLE and logLik, secr's SEs)")
    String hcovPoisson;

    @Option(names = "--groups", split = ",", description = "individual factor covariate(s) forming groups, e.g. sex "
            + "(secr's groups; formulas may use g, e.g. D~g)")
    List<String> groups = List.of();

    @Option(names = "--timecov", description = "time covariates CSV, one row per occasion (secr's timecov)")
    Path timecov;

    @Option(names = "--sessioncov", description = "session covariates CSV, one row per session or a session column (secr's sessioncov)")
    Path sessioncov;

    @Option(names = "--details", description = "secr details: fastproximity=false, Dlambda=TRUE (D as first-session density and rates lambda)")
    Map<String, String> details = Map.of();

    @Option(names = "--fixed", description = "hold a real parameter at a value, e.g. g0=0.2 (secr's fixed)")
    Map<String, String> fixed = Map.of();

    @Option(names = "--occasions", description = "number of occasions (default: from usage, else the largest recorded)")
    Integer occasions;

    @Option(names = "--capture-format", defaultValue = "trapID", description = "secr text captures: trapID or XY")
    String captureFormat;

    @Option(names = "--threads", defaultValue = "1", description = "worker threads (results are identical for any number)")
    int threads;

    @Option(names = "--local", description = "local evaluation: skip detector-mask pairs where g0*f(d) < 1e-12 "
            + "(faster on large surveys; default: dense and exact)")
    boolean local;

    @Option(names = "--hessian", defaultValue = "forward", description = "how the Hessian behind the SEs is computed: "
            + "forward (forward differences of the analytic gradient from the estimate, p gradient calls; default), "
            + "gradient (central differences of the analytic gradient, 2p calls, 100 times more accurate) or nlm (R nlm's "
            + "forward differences of values, as secr's Newton-Raphson fits report: to reproduce secr's SEs)")
    String hessian;

    @Option(names = "--coarse-fit", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "fit the model first on the mask thinned as for the start values (about 600 points, spacing "
            + "no wider than the start's sigma) and start from that estimate: the same MLE with about half the "
            + "evaluations of the full likelihood (default on; --no-coarse-fit turns it off)")
    boolean coarseFit;

    @Option(names = "--gain-tolerance", defaultValue = "1e-10", description = "the optimizer also stops where its next "
            + "step would raise log L by less than this (each coefficient then within sqrt(2 x tol) standard errors of the "
            + "maximum; default ${DEFAULT-VALUE}); 0: stop on the gradient (every |dlogL/dbeta| < 1e-6) only")
    double gainTolerance;

    @Option(names = "--format", defaultValue = "json", description = "json (the contract) or table (for people)")
    String format;

    @Option(names = "--surface", description = "also write the fitted density surface (session,x,y,D,se,lcl,ucl per mask point) to this CSV")
    Path surface;

    @Option(names = "--out", description = "write to this file instead of standard output")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!List.of("json", "table").contains(format)) {
            throw Secr4jCommand.badInput("--format " + format + ": use json or table");
        }
        FittedModel fit = fitModel();
        if (surface != null) {
            if (fit.layout().likelihoodType() != LikelihoodType.FULL) {
                throw Secr4jCommand.badInput("--surface needs a full-likelihood fit (D estimated); drop --cl");
            }
            org.secr4j.io.table.CsvWriters.writeDensitySurface(fit, surface);
        }
        String text = format.equals("json") ? JsonOut.text(FitJson.of(fit)) : FitTable.of(fit);
        JsonOut.writeText(text, out, spec.commandLine());
        return 0;
    }

    /** Reads the inputs, fits the model and prints its warnings (shared with {@code gof}). */
    FittedModel fitModel() {
        DetectorType type = DetectorType.parse(detector);
        DetectionFunction fn = DetectionFunction.parse(detectfn);
        boolean fast = true;
        boolean dlambda = false;
        for (Map.Entry<String, String> e : details.entrySet()) {
            if (e.getKey().equals("fastproximity")) {
                fast = parseLogical(e.getValue(), "--details fastproximity");
            } else if (e.getKey().equals("Dlambda")) {
                dlambda = parseLogical(e.getValue(), "--details Dlambda");
            } else {
                throw Secr4jCommand.badInput("--details " + e.getKey() + ": unknown detail; known: fastproximity, Dlambda");
            }
        }
        PopulationDistribution dist = switch (distribution.toLowerCase(java.util.Locale.ROOT)) {
            case "poisson" -> PopulationDistribution.POISSON;
            case "binomial" -> PopulationDistribution.BINOMIAL;
            default -> throw Secr4jCommand.badInput("--distribution " + distribution + ": use poisson or binomial");
        };
        SecrText.CaptureFormat cf = switch (captureFormat.toLowerCase(java.util.Locale.ROOT)) {
            case "trapid" -> SecrText.CaptureFormat.TRAP_ID;
            case "xy" -> SecrText.CaptureFormat.XY;
            default -> throw Secr4jCommand.badInput("--capture-format " + captureFormat + ": use trapID or XY");
        };
        if (!(gainTolerance >= 0) || Double.isInfinite(gainTolerance)) {
            throw Secr4jCommand.badInput("--gain-tolerance must be finite and >= 0 but was " + gainTolerance);
        }
        if (threads < 1) {
            throw Secr4jCommand.badInput("--threads must be >= 1 but was " + threads);
        }
        HessianMethod hessianMethod = switch (hessian.toLowerCase(java.util.Locale.ROOT)) {
            case "forward" -> HessianMethod.FORWARD;
            case "gradient" -> HessianMethod.GRADIENT;
            case "nlm" -> HessianMethod.NLM;
            default -> throw Secr4jCommand.badInput("--hessian " + hessian + ": use forward, gradient or nlm");
        };
        HcovPoissonTerm hcovTerm = switch (hcovPoisson.toLowerCase(java.util.Locale.ROOT)) {
            case "mixture" -> HcovPoissonTerm.MIXTURE;
            case "harmonic" -> HcovPoissonTerm.HARMONIC;
            default -> throw Secr4jCommand.badInput("--hcov-poisson " + hcovPoisson + ": use mixture or harmonic");
        };
        if (hcovTerm == HcovPoissonTerm.HARMONIC && hcov == null) {
            throw Secr4jCommand.badInput("--hcov-poisson harmonic applies to known-class mixtures: give --hcov too");
        }
        Map<String, DetectorArray> detectors = InputFiles.detectors(traps, type);
        CaptureHistory history = InputFiles.captures(captures, detectors, occasions, cf);
        List<HabitatMask> masks = new ArrayList<>();
        if (mask != null && !mask.isEmpty()) {
            if (buffer != null || spacing != null) {
                throw Secr4jCommand.badInput("give either --mask or --buffer with --spacing, not both");
            }
            masks = InputFiles.masks(mask);
        } else {
            if (buffer == null || spacing == null) {
                throw Secr4jCommand.badInput("a mask is needed: --mask FILE, or --buffer METRES with --spacing METRES");
            }
            for (int s = 0; s < history.sessionCount(); s++) {
                masks.add(HabitatMask.around(history.session(s).detectors(), buffer, spacing));
            }
        }
        if (masks.size() != 1 && masks.size() != history.sessionCount()) {
            throw Secr4jCommand.badInput(masks.size() + " masks for " + history.sessionCount()
                    + " sessions; give one per session or one for all");
        }
        ModelSpec modelSpec = ModelSpec.of(model.toArray(new String[0]));
        FitOptions options = FitOptions.defaults().with(fn).with(cl ? LikelihoodType.CONDITIONAL : LikelihoodType.FULL)
                .with(dist).withBinomN(binomN).withFastProximity(fast).withThreads(threads)
                .withLocalEvaluation(local).withDlambda(dlambda).withHessianMethod(hessianMethod).withHcovPoissonTerm(hcovTerm)
                .withCoarseFit(coarseFit).withGainTolerance(gainTolerance);
        if (hcov != null) {
            options = options.withHcov(hcov);
        }
        if (!groups.isEmpty()) {
            options = options.withGroups(groups.toArray(new String[0]));
        }
        if (timecov != null) {
            options = options.withTimeCovariates(org.secr4j.io.table.CovariateCsv.timeCovariates(timecov));
        }
        if (sessioncov != null) {
            List<String> ids = history.sessions().stream().map(x -> x.id()).toList();
            options = options.withSessionCovariates(org.secr4j.io.table.CovariateCsv.sessionCovariates(sessioncov, ids));
        }
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            double v;
            try {
                v = Double.parseDouble(e.getValue());
            } catch (NumberFormatException x) {
                throw Secr4jCommand.badInput("--fixed " + e.getKey() + "=" + e.getValue() + ": not a number");
            }
            options = options.withFixed(org.secr4j.model.RealParameter.bySecrName(e.getKey()), v);
        }
        FittedModel fit = SecrFitter.with(options).fit(history, masks, modelSpec);
        for (String w : fit.warnings()) {
            spec.commandLine().getErr().println("secr4j: warning: " + w);
        }
        return fit;
    }

    private static boolean parseLogical(String v, String what) {
        return switch (v.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRUE", "T" -> true;
            case "FALSE", "F" -> false;
            default -> throw Secr4jCommand.badInput(what + "=" + v + ": use TRUE or FALSE");
        };
    }
}
