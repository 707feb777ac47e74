package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.secr4j.io.trim.TrimCommandFile;
import org.secr4j.io.trim.TrimDataFile;
import org.secr4j.trim.TrimFitter;
import org.secr4j.trim.TrimModel;
import org.secr4j.trim.TrimOptions;
import org.secr4j.trim.TrimResult;
import org.secr4j.trim.TrimStepwise;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code secr4j trend …}: population trends. */
@Command(name = "trend", mixinStandardHelpOptions = true, description = "Population trends from counts.",
        subcommands = {TrendCommand.Trim.class})
final class TrendCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (trim)");
    }

    /** {@code secr4j trend trim}: TRIM models for counts at sites over years. */
    @Command(name = "trim", mixinStandardHelpOptions = true,
            description = "TRIM (Statistics Netherlands): time totals, indices and overall slope from site counts.")
    static final class Trim implements Callable<Integer> {
        private static final JsonNodeFactory F = JsonNodeFactory.instance;
        @Spec
        CommandSpec spec;

        @Option(names = "--counts", description = "TRIM data file (site time count [covariates], whitespace) or CSV "
                + "(site,time,count[,covariates]); not needed with --tcf")
        Path counts;

        @Option(names = "--tcf", description = "TRIM command file; its first run's settings are the defaults")
        Path tcf;

        @Option(names = "--model", description = "1, 2 or 3 (default 3, or the command file's)")
        Integer model;

        @Option(names = "--changepoints", split = ",", description = "model 2 changepoints (1-based times), e.g. 1,4")
        int[] changepoints;

        @Option(names = "--overdispersion", negatable = true, description = "estimate overdispersion")
        Boolean overdispersion;

        @Option(names = "--serialcor", negatable = true, description = "estimate serial correlation")
        Boolean serialcor;

        @Option(names = "--stepwise", negatable = true, description = "model 2: stepwise selection of the "
                + "changepoints given (TRIM: delete while Wald p > 0.20, re-enter at score p < 0.15)")
        Boolean stepwise;

        @Option(names = "--covariates", split = ",", description = "covariate names to use (data file columns)")
        List<String> covariates;

        @Option(names = "--ntimes", description = "number of time points of a whitespace TRIM file without --tcf")
        Integer ntimes;

        @Option(names = "--missing", defaultValue = "999", description = "missing-count code (default ${DEFAULT-VALUE})")
        double missing;

        @Option(names = "--out", description = "JSON output file (default stdout)")
        Path out;

        @Override
        public Integer call() throws Exception {
            TrimDataFile.Contents contents;
            TrimOptions options;
            if (tcf != null) {
                TrimCommandFile cf = TrimCommandFile.read(tcf);
                TrimCommandFile.Run run = cf.runs().get(0);
                if (stepwise == null) {
                    stepwise = run.stepwise();
                }
                contents = TrimDataFile.read(counts != null ? counts : cf.dataFile(), cf.layout());
                contents = new TrimDataFile.Contents(run.data(contents, tcf.toString()), null);
                options = run.options(cf.layout());
            } else {
                if (counts == null) {
                    throw Secr4jCommand.badInput("give --counts FILE or --tcf FILE");
                }
                if (counts.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                    contents = TrimDataFile.readCsv(counts, missing);
                } else {
                    if (ntimes == null) {
                        throw Secr4jCommand.badInput("a whitespace TRIM file needs --ntimes (or a --tcf)");
                    }
                    contents = TrimDataFile.read(counts, new TrimDataFile.Layout(ntimes, covariateLabels(), missing,
                            false));
                }
                options = TrimOptions.model(TrimModel.TIME_EFFECTS);
            }
            if (model != null) {
                options = rebuild(options, TrimModel.ofNumber(model));
            }
            if (changepoints != null) {
                options = options.withChangepoints(changepoints);
            }
            if (overdispersion != null) {
                options = options.withOverdispersion(overdispersion);
            }
            if (serialcor != null) {
                options = options.withSerialCorrelation(serialcor);
            }
            if (covariates != null) {
                options = options.withCovariates(covariates.toArray(new String[0]));
            }
            TrimStepwise.Selection selection = null;
            TrimResult r;
            if (Boolean.TRUE.equals(stepwise)) {
                if (options.model() != TrimModel.LINEAR_TREND) {
                    throw Secr4jCommand.badInput("--stepwise selects the changepoints of model 2, but the model is "
                            + options.model().number());
                }
                selection = TrimStepwise.select(contents.data(), options);
                r = selection.selected();
            } else {
                r = TrimFitter.fit(contents.data(), options);
            }
            for (String s : r.removedSites()) {
                spec.commandLine().getErr().println("secr4j: warning: site " + s
                        + " removed: none of its observed counts is positive");
            }
            ObjectNode json = json(r);
            if (selection != null) {
                json.set("stepwise", stepwise(selection, options));
            }
            JsonOut.write(json, out, spec.commandLine());
            return 0;
        }

        private List<String> covariateLabels() {
            return covariates == null ? List.of() : covariates;
        }

        private static TrimOptions rebuild(TrimOptions o, TrimModel m) {
            return TrimOptions.model(m).withOverdispersion(o.overdispersion()).withSerialCorrelation(o.serialCorrelation())
                    .withCovariates(o.covariates().toArray(new String[0]));
        }

        static ObjectNode json(TrimResult r) {
            ObjectNode o = F.objectNode();
            o.put("model", r.options().model().number());
            ArrayNode cps = o.putArray("changepoints");
            if (r.options().model() == TrimModel.LINEAR_TREND) {
                for (int c : r.options().changepoints()) {
                    cps.add(c);
                }
            }
            o.put("sites", r.data().sites().size());
            o.put("observations", r.observations());
            o.put("converged", r.converged());
            o.put("iterations", r.iterations());
            ArrayNode removed = o.putArray("removedSites");
            r.removedSites().forEach(removed::add);
            TrimResult.GoodnessOfFit g = r.goodnessOfFit();
            ObjectNode gof = o.putObject("gof");
            gof.put("chi2", g.chiSquare());
            gof.put("chi2P", g.chiSquareP());
            gof.put("lr", g.likelihoodRatio());
            gof.put("lrP", g.likelihoodRatioP());
            gof.put("aic", g.aic());
            gof.put("df", g.df());
            o.put("overdispersion", r.overdispersion());
            o.put("serialCorrelation", r.serialCorrelation());
            ArrayNode params = o.putArray("parameters");
            for (TrimResult.Parameter p : r.parameters()) {
                ObjectNode n = params.addObject();
                n.put("name", p.name());
                n.put("additive", p.additive());
                n.put("se", p.se());
                n.put("multiplicative", p.multiplicative());
                n.put("multiplicativeSe", p.multiplicativeSe());
            }
            ArrayNode wald = o.putArray("wald");
            for (TrimResult.WaldTest w : r.waldTests()) {
                ObjectNode n = wald.addObject();
                n.put("test", w.name());
                n.put("statistic", w.statistic());
                n.put("df", w.df());
                n.put("p", w.p());
            }
            o.set("totals", timeValues(r.timeTotals()));
            o.set("indices", timeValues(r.indices()));
            ObjectNode slope = o.putObject("overallSlope");
            slope.set("model", slope(r.overallSlopeModel()));
            slope.set("imputed", slope(r.overallSlopeImputed()));
            slope.set("modelThroughBase", slope(r.overallSlopeModelThroughBase()));
            slope.set("imputedThroughBase", slope(r.overallSlopeImputedThroughBase()));
            return o;
        }

        private static ObjectNode stepwise(TrimStepwise.Selection s, TrimOptions start) {
            ObjectNode n = F.objectNode();
            ArrayNode from = n.putArray("initialChangepoints");
            for (int c : start.changepoints()) {
                from.add(c);
            }
            ArrayNode steps = n.putArray("steps");
            for (TrimStepwise.Step step : s.steps()) {
                ObjectNode o = steps.addObject();
                o.put("changepoint", step.changepoint());
                o.put("action", step.deleted() ? "deleted" : "entered");
                o.put("test", step.deleted() ? "wald" : "score");
                o.put("statistic", step.statistic());
                o.put("df", step.df());
                o.put("p", step.p());
            }
            ArrayNode kept = n.putArray("changepoints");
            for (int c : s.changepoints()) {
                kept.add(c);
            }
            return n;
        }

        private static ArrayNode timeValues(List<TrimResult.TimeValue> values) {
            ArrayNode a = F.arrayNode();
            for (TrimResult.TimeValue t : values) {
                ObjectNode n = a.addObject();
                n.put("time", t.time());
                ObjectNode m = n.putObject("model");
                m.put("estimate", t.model());
                m.put("se", t.modelSe());
                ObjectNode i = n.putObject("imputed");
                i.put("estimate", t.imputed());
                i.put("se", t.imputedSe());
            }
            return a;
        }

        private static ObjectNode slope(TrimResult.Slope s) {
            ObjectNode n = F.objectNode();
            n.put("additive", s.additive());
            n.put("se", s.se());
            n.put("multiplicative", s.multiplicative());
            n.put("multiplicativeSe", s.multiplicativeSe());
            n.put("p", s.p());
            n.put("classification", s.classification().label());
            n.put("significance", s.significance());
            return n;
        }
    }
}
