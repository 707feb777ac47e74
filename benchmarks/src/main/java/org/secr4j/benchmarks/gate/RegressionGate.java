package org.secr4j.benchmarks.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The CI performance gate: runs {@link GateBenchmark} (about half a minute), takes the ratio of the
 * likelihood's time to the reference computation's, and fails (exit status 1) when that ratio is
 * more than {@link #TOLERATED_SLOWDOWN} times the stored baseline
 * ({@code benchmarks/gate-baseline.properties}). Writes the figures, stamped with the commit, as
 * JSON.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.secr4j.benchmarks.gate.RegressionGate BASELINE OUT.json
 * [COMMIT] [SLOWDOWN]}; SLOWDOWN (default 1) makes each measured operation evaluate the likelihood
 * that many times, to check that the gate trips.
 */
public final class RegressionGate {
    /** A ratio above this multiple of the baseline fails the gate. */
    public static final double TOLERATED_SLOWDOWN = 2.0;

    private RegressionGate() {}

    public static void main(String[] args) throws RunnerException, IOException {
        if (args.length < 2) {
            System.err.println("usage: RegressionGate BASELINE.properties OUT.json [COMMIT] [SLOWDOWN]");
            System.exit(2);
        }
        Path baselineFile = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String commit = args.length > 2 ? args[2] : "unknown";
        String slowdown = args.length > 3 ? args[3] : "1";
        Properties baseline = new Properties();
        try (InputStream in = Files.newInputStream(baselineFile)) {
            baseline.load(in);
        }
        double baseRatio = Double.parseDouble(baseline.getProperty("ratio"));
        Options opts = new OptionsBuilder().include(GateBenchmark.class.getName() + "\\.")
                .param("slowdown", slowdown).build();
        Collection<RunResult> results = new Runner(opts).run();
        double lik = Double.NaN;
        double ref = Double.NaN;
        for (RunResult r : results) {
            String label = r.getPrimaryResult().getLabel();
            double score = r.getPrimaryResult().getScore();
            if (label.equals("likelihood")) {
                lik = score;
            } else if (label.equals("reference")) {
                ref = score;
            }
        }
        double ratio = lik / ref;
        boolean pass = ratio <= TOLERATED_SLOWDOWN * baseRatio;
        String json = String.format(Locale.ROOT, "{\"commit\": \"%s\", \"slowdown\": %s, \"likelihoodMs\": %.4f, "
                + "\"referenceMs\": %.4f, \"ratio\": %.4f, \"baselineRatio\": %.4f, \"limit\": %.4f, \"pass\": %s}%n",
                commit, slowdown, lik, ref, ratio, baseRatio, TOLERATED_SLOWDOWN * baseRatio, pass);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(json);
        }
        System.out.printf(Locale.ROOT, "performance gate: likelihood %.3f ms, reference %.3f ms, ratio %.3f "
                + "(baseline %.3f, limit %.3f): %s%n", lik, ref, ratio, baseRatio, TOLERATED_SLOWDOWN * baseRatio,
                pass ? "PASS" : "FAIL (likelihood more than 2x slower than the baseline)");
        System.exit(pass ? 0 : 1);
    }
}
