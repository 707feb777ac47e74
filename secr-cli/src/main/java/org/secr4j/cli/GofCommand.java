package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.secr4j.result.FittedModel;
import org.secr4j.simulate.MonteCarloGof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secr4j gof}: fits a model (the options of {@code fit}) and runs the Monte Carlo goodness-of-fit test. */
@Command(name = "gof", mixinStandardHelpOptions = true,
        description = "Fit an SECR model (options as for fit) and test its fit by Monte Carlo (Freeman-Tukey "
                + "statistics per animal, per detector and per animal-detector, as secr's MCgof).")
final class GofCommand extends FitCommand {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Option(names = "--replicates", defaultValue = "199", description = "Monte Carlo replicates (default ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fixed-beta", description = "use the MLE in every replicate instead of drawing from its sampling distribution")
    boolean fixedBeta;

    @Override
    public Integer call() throws java.io.IOException {
        if (replicates < 1) {
            throw Secr4jCommand.badInput("--replicates must be >= 1 but was " + replicates);
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
        JsonOut.write(o, out, spec.commandLine());
        return 0;
    }
}
