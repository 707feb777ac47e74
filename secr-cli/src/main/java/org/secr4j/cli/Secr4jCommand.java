package org.secr4j.cli;

import java.io.PrintWriter;
import org.secr4j.io.DataFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code secr4j} command line. Exit status 0 on success, 2 on bad input (the message names
 * file, line, column or field), 1 on an internal error.
 */
@Command(name = "secr4j", mixinStandardHelpOptions = true, version = "secr4j 0.1.0",
        description = "Spatially explicit capture-recapture on the JVM (same answers as R secr).",
        subcommands = {FitCommand.class, SimulateCommand.class, DesignCommand.class, GofCommand.class, TrendCommand.class,
                TracksCommand.class})
public final class Secr4jCommand implements Runnable {
    /** Bad input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Internal error. */
    public static final int EXIT_INTERNAL = 1;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required (fit, trend, tracks)");
    }

    /** A command line configured with secr4j's exit codes. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Secr4jCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof IllegalArgumentException) {
                err.println("secr4j: error: " + ex.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println("secr4j: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("secr4j: error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /** Runs the command line; returns the exit status. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static IllegalArgumentException badInput(String message) {
        return new DataFileException("command line", 0, 0, message);
    }
}
