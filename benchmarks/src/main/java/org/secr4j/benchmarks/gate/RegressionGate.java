package org.secr4j.benchmarks.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * <p>The ratio still depends on the processor (the likelihood's arithmetic against the reference's exp and log),
 * so the baseline file may hold one per processor model, {@code ratio.<model>} ({@link #modelKey} of
 * {@link #cpuModel}), measured there; a processor without its own line takes {@code ratio}, the most lenient
 * measured. So the gate fails a likelihood twice as slow on a processor it was measured on, and one somewhat
 * slower than that elsewhere, without failing on a processor that is merely different.
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
        String cpu = cpuModel();
        String key = baselineKey(baseline, cpu);
        double baseRatio = Double.parseDouble(baseline.getProperty(key));
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
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("commit", commit);
        figures.put("slowdown", Integer.parseInt(slowdown));
        figures.put("cpu", cpu);
        figures.put("baselineKey", key);
        figures.put("likelihoodMs", lik);
        figures.put("referenceMs", ref);
        figures.put("ratio", ratio);
        figures.put("baselineRatio", baseRatio);
        figures.put("limit", TOLERATED_SLOWDOWN * baseRatio);
        figures.put("pass", pass);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), figures);
        System.out.printf(Locale.ROOT, "performance gate on '%s': likelihood %.3f ms, reference %.3f ms, ratio %.3f "
                + "(baseline %s = %.3f, limit %.3f): %s%n", cpu, lik, ref, ratio, key, baseRatio,
                TOLERATED_SLOWDOWN * baseRatio,
                pass ? "PASS" : "FAIL (likelihood more than 2x slower than the baseline)");
        System.exit(pass ? 0 : 1);
    }

    /**
     * The baseline's key for processor {@code cpu}: {@code ratio.<modelKey(cpu)>} where the file has that line,
     * else {@code ratio}.
     */
    static String baselineKey(Properties baseline, String cpu) {
        String own = "ratio." + modelKey(cpu);
        return baseline.getProperty(own) != null ? own : "ratio";
    }

    /** A processor model as a property key: lower case, each run of other characters than letters and digits one '-'. */
    static String modelKey(String cpu) {
        return cpu.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The first "model name" of {@code /proc/cpuinfo} (Linux), else the JVM's {@code os.arch}. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: not Linux
        }
        return System.getProperty("os.arch", "unknown");
    }
}
