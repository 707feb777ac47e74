package org.secr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secr4j design}, {@code secr4j simulate} and {@code secr4j gof}: JSON, reproducibility, bad input. */
class SimulateDesignGofCommandTest {
    @TempDir
    Path dir;
    Path traps;

    @BeforeEach
    void writeTraps() throws Exception {
        StringBuilder sb = new StringBuilder("detectorID,x,y\n");
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                sb.append("T").append(i).append(j).append(',').append(i * 30).append(',').append(j * 30).append('\n');
            }
        }
        traps = dir.resolve("traps.csv");
        Files.writeString(traps, sb.toString());
    }

    private String[] design(String command, String... more) {
        String[] base = {command, "--traps", traps.toString(), "--detector", "multi", "--occasions", "5", "--density",
            "6", "--g0", "0.3", "--sigma", "25", "--buffer", "100", "--spacing", "10"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void designReportsExpectedCountsBufferAndPower() throws Exception {
        FitCommandTest.Run r = FitCommandTest.run(design("design", "--lambda", "0.9", "--years", "6"));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        double n = j.at("/expected/n").asDouble();
        double rr = j.at("/expected/r").asDouble();
        assertTrue(n > 10 && rr > n, j.toString());
        assertEquals(1 / Math.sqrt(Math.min(n, rr)), j.get("rseApproximation").asDouble(), 1e-12);
        assertEquals(30 / 25.0, j.get("spacingOverSigma").asDouble(), 1e-12);
        assertTrue(j.at("/buffer/relativeBias").asDouble() < 0.01);
        double p = j.at("/power/approximate").asDouble();
        assertTrue(p > 0.05 && p <= 1, "power " + p);
    }

    @Test
    void simulatedPowerWithSurvivalLinksTheYears() throws Exception {
        FitCommandTest.Run r = FitCommandTest.run(design("simulate", "--replicates", "3", "--no-progress", "--lambda",
                "0.8", "--years", "3", "--survival", "0.5"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(0.5, r.json().at("/power/survival").asDouble(), 0.0);
        assertEquals(3, r.json().at("/power/replicates").asInt());
        FitCommandTest.Run bad = FitCommandTest.run(design("simulate", "--replicates", "0", "--no-progress", "--lambda",
                "0.8", "--survival", "0.9"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("lambda >= survival"), bad.err());
    }

    @Test
    void simulateIsReproducibleAcrossThreadsAndWritesCapturesThatFit() throws Exception {
        Path capt = dir.resolve("capt.csv");
        FitCommandTest.Run one = FitCommandTest.run(design("simulate", "--replicates", "4", "--seed", "5", "--threads",
                "1", "--no-progress", "--write-captures", capt.toString()));
        FitCommandTest.Run two = FitCommandTest.run(design("simulate", "--replicates", "4", "--seed", "5", "--threads",
                "2", "--no-progress"));
        assertEquals(0, one.exit(), one.err());
        assertEquals(one.json().get("results"), two.json().get("results"));
        assertEquals(one.json().get("summary"), two.json().get("summary"));
        assertEquals(4, one.json().at("/summary/usable").asInt());
        FitCommandTest.Run fit = FitCommandTest.run("fit", "--captures", capt.toString(), "--traps", traps.toString(),
                "--detector", "multi", "--buffer", "100", "--spacing", "10");
        assertEquals(0, fit.exit(), fit.err());
        // the written data set is replicate 1 of the study
        assertEquals(one.json().at("/results/0/n").asInt(), fit.json().get("n").asInt());
        assertEquals(one.json().at("/results/0/estimate").asDouble(), fit.json().at("/real/D/0/estimate").asDouble(),
                1e-6 * fit.json().at("/real/D/0/estimate").asDouble());

        FitCommandTest.Run gof = FitCommandTest.run("gof", "--captures", capt.toString(), "--traps", traps.toString(),
                "--detector", "multi", "--buffer", "100", "--spacing", "10", "--replicates", "19", "--seed", "2");
        assertEquals(0, gof.exit(), gof.err());
        assertEquals(3, gof.json().get("statistics").size());
        for (JsonNode s : gof.json().get("statistics")) {
            assertTrue(s.get("p").asDouble() >= 0 && s.get("p").asDouble() <= 1, s.toString());
        }
        JsonNode dev = gof.json().get("deviance");
        assertTrue(dev.get("deviance").asDouble() > 0 && dev.get("df").asInt() > 0, dev.toString());

        FitCommandTest.Run boot = FitCommandTest.run("gof", "--captures", capt.toString(), "--traps", traps.toString(),
                "--detector", "multi", "--buffer", "100", "--spacing", "10", "--replicates", "5", "--bootstrap", "4",
                "--closure", "--threads", "2", "--no-progress");
        assertEquals(0, boot.exit(), boot.err());
        JsonNode b = boot.json().get("bootstrap");
        assertEquals(4, b.get("replicates").asInt());
        assertEquals(4, b.get("fitted").asInt() + b.get("failures").size());
        assertEquals(3, b.get("coefficients").size());
        assertTrue(b.get("coefficients").get(0).get("bootstrapSe").asDouble() > 0, b.toString());
        JsonNode closure = boot.json().get("closure").get(0);
        assertTrue(closure.get("pExact").asDouble() > 0 && closure.get("pExact").asDouble() <= 1, closure.toString());

        FitCommandTest.Run bad = FitCommandTest.run("gof", "--captures", capt.toString(), "--traps", traps.toString(),
                "--detector", "multi", "--buffer", "100", "--spacing", "10", "--model", "g0~b");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("constant detection parameters"), bad.err());
    }

    @Test
    void badDesignInputIsNamed() {
        FitCommandTest.Run r = FitCommandTest.run("design", "--traps", traps.toString(), "--detector", "multi",
                "--occasions", "5", "--density", "-1", "--g0", "0.3", "--sigma", "25", "--buffer", "100", "--spacing",
                "10");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--density must be > 0"), r.err());
    }
}
