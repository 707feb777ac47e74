package org.secr4j.cli;

import java.util.function.Function;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Runs a long computation with an ASCII progress bar on standard error, or silently. */
final class ProgressDisplay {
    private ProgressDisplay() {}

    /**
     * Calls {@code work} with a callback told the number of steps done (of {@code steps}); with
     * {@code quiet} the callback is null and nothing is drawn.
     */
    static <T> T run(String task, int steps, boolean quiet, Function<IntConsumer, T> work) {
        if (quiet) {
            return work.apply(null);
        }
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            return work.apply(pb::stepTo);
        }
    }
}
