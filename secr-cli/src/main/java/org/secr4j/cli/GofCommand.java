package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.secr4j.result.Deviance;
import org.secr4j.result.FittedModel;
import org.secr4j.simulate.ClosureTest;
import org.secr4j.simulate.MonteCarloGof;
import org.secr4j.simulate.ParametricBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secr4j gof}: fits a model (the options of {@code fit}) and runs the Monte Carlo goodness-of-fit test. */
@Command(name = "gof", mixinStandardHelpOptions = true,
        description = "Fit an SECR model (options as for fit) and test its fit by Monte Carlo (Freeman-Tukey "
                + "statistics per animal, per detector and per animal-detector, as secr's MCgof); optionally a "
                + "parametric bootstrap (deviance/df test and bootstrap SEs, as secr.test with fit = TRUE) and a "
                + "closure test per session.")
final class GofCommand extends FitCommand {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Option(names = "--replicates", defaultValue = "199", description = "Monte Carlo replicates (default ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fixed-beta", description = "use the MLE in every replicate instead of drawing from its sampling distribution")
    boolean fixedBeta;

    @Option(names = "--bootstrap", defaultValue = "0", description = "parametric bootstrap replicates (simulate from "
            + "the fit, refit; default ${DEFAULT-VALUE}: none); runs on --threads threads")
    int bootstrap;

    @Option(names = "--closure", description = "also test each session for closure (spans of capture histories)")
    boolean closure;

    @Option(names = "--no-progress", description = "no progress bar on stderr for the bootstrap")
    boolean noProgress;

    @Override
    public Integer call() throws java.io.IOException {
        if (replicates < 1) {
            throw Secr4jCommand.badInput("--replicates must be >= 1 but was " + replicates);
        }
        if (bootstrap < 0) {
            throw Secr4jCommand.badInput("--bootstrap must be >= 0 but was " + bootstrap);
        }
        FittedModel fit = fitModel();
        MonteCarloGof.Result r;
        try {
            r = MonteCarloGof.test(fit, replicates, !fixedBeta, new SplittableRandom(seed));
        } catch (IllegalArgumentException e) {
            throw Secr4jCommand.badInput(e.getMessage());
        }
        ObjectNode o = F.objectNode();
        o.put("model", fit.spec().toString());
        o.put("logLik", fit.logLikelihood());
        o.put("n", fit.animalCount());
        o.put("replicates", r.replicates());
        o.put("seed", seed);
        o.put("parameterUncertainty", r.parameterUncertainty());
        ArrayNode stats = o.putArray("statistics");
        for (MonteCarloGof.Statistic s : r.statistics()) {
            ObjectNode n = stats.addObject();
            n.put("name", s.name());
            n.put("observed", s.observed());
            n.put("simulated", s.simulated());
            n.put("p", s.p());
        }
        Deviance dev = fit.deviance();
        ObjectNode d = o.putObject("deviance");
        d.put("deviance", dev.deviance());
        d.put("df", dev.residualDf());
        d.put("devianceDf", dev.perDf());
        d.put("distinctHistories", dev.distinctHistories());
        if (bootstrap > 0) {
            o.set("bootstrap", bootstrap(fit));
        }
        if (closure) {
            ArrayNode cl = o.putArray("closure");
            try {
                for (ClosureTest.Result c : ClosureTest.test(fit.captureHistory().sessions())) {
                    ObjectNode n = cl.addObject();
                    n.put("session", c.session());
                    n.put("occasions", c.occasions());
                    n.put("animals", c.animals());
                    n.put("singletons", c.singletons());
                    n.put("removedAnimals", c.removedAnimals());
                    n.put("span", c.span());
                    n.put("expectedSpan", c.expectedSpan());
                    n.put("z", c.z());
                    n.put("pNormal", c.pNormal());
                    n.put("pExact", c.pExact());
                }
            } catch (IllegalArgumentException e) {
                throw Secr4jCommand.badInput(e.getMessage());
            }
        }
        JsonOut.write(o, out, spec.commandLine());
        return 0;
    }

    private ObjectNode bootstrap(FittedModel fit) {
        ParametricBootstrap.Result b;
        try {
            b = ProgressDisplay.run("bootstrap", bootstrap, noProgress,
                    step -> ParametricBootstrap.run(fit, bootstrap, seed, threads, step));
        } catch (IllegalArgumentException e) {
            throw Secr4jCommand.badInput(e.getMessage());
        }
        ObjectNode o = F.objectNode();
        o.put("replicates", b.replicates());
        o.put("fitted", b.fitted());
        o.put("observedDevianceDf", b.observedDevianceDf());
        o.put("p", b.p());
        ArrayNode sims = o.putArray("simulatedDevianceDf");
        for (double v : b.simulatedDevianceDf()) {
            sims.add(v);
        }
        ArrayNode coef = o.putArray("coefficients");
        for (int j = 0; j < b.beta().length; j++) {
            ObjectNode c = coef.addObject();
            c.put("name", b.coefficientNames().get(j));
            c.put("beta", b.beta()[j]);
            c.put("se", b.asymptoticSe()[j]);
            c.put("bootstrapMean", b.bootstrapMean()[j]);
            c.put("bootstrapSe", b.bootstrapSe()[j]);
        }
        ArrayNode f = o.putArray("failures");
        b.failures().forEach(f::add);
        return o;
    }
}
