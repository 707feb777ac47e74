package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** The options of a power calculation for a yearly change in density ({@code design}, {@code simulate}). */
final class PowerOptions {
    @Option(names = "--lambda", description = "yearly rate of change to detect, e.g. 0.95 (a 5%% decline); gives the power")
    Double lambda;

    @Option(names = "--years", defaultValue = "5", description = "yearly surveys for the power calculation (default ${DEFAULT-VALUE})")
    int years;

    @Option(names = "--alpha", defaultValue = "0.05", description = "test level of the power calculation (default ${DEFAULT-VALUE})")
    double alpha;

    /** Adds {@code power} with lambda, years and alpha to {@code o} and returns it for the results. */
    ObjectNode json(ObjectNode o) {
        ObjectNode pw = o.putObject("power");
        pw.put("lambda", lambda);
        pw.put("years", years);
        pw.put("alpha", alpha);
        return pw;
    }
}
