package org.secr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code secr4j fit} on the bundled leopard survey: the JSON contract, exit codes and messages. */
class FitCommandTest {
    static final Path LEOPARD = Path.of("../examples/data/amur-leopard");

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        CommandLine cl = Secr4jCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The bundled survey with its detectors and mask options, then {@code extra}. */
    static String[] leopard(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("fit", "--captures", LEOPARD.resolve("captures.csv").toString(),
                "--traps", LEOPARD.resolve("traps.csv").toString(), "--detector", "proximity", "--buffer", "12000",
                "--spacing", "1000"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    /** {@link #leopard} with the null model written out, then {@code extra}. */
    static String[] leopardArgs(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--model", "D~1", "--model", "g0~1", "--model", "sigma~1"));
        a.addAll(List.of(extra));
        return leopard(a.toArray(new String[0]));
    }

    @Test
    void fitWritesEveryFieldOfTheJsonContract() throws Exception {
        Run r = run(leopardArgs());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        for (String f : List.of("logLik", "npar", "AIC", "AICc", "n", "coefficients", "vcov", "real", "derived",
                "regionN", "optimizer", "timing")) {
            assertTrue(j.has(f), "missing " + f);
        }
        assertEquals(3, j.get("npar").asInt());
        assertEquals(List.of("D", "g0", "sigma"), List.of(j.get("coefficients").get(0).get("name").asText(),
                j.get("coefficients").get(1).get("name").asText(), j.get("coefficients").get(2).get("name").asText()));
        for (String f : List.of("name", "beta", "se", "lcl", "ucl")) {
            assertTrue(j.get("coefficients").get(0).has(f), f);
        }
        assertEquals(3, j.get("vcov").size());
        JsonNode d = j.get("real").get("D").get(0);
        for (String f : List.of("estimate", "se", "lcl", "ucl", "level")) {
            assertTrue(d.has(f), f);
        }
        assertTrue(j.get("derived").get("esa").has("estimate"));
        assertTrue(j.get("derived").get("D").has("se"));
        assertTrue(j.get("regionN").get("expected").has("lcl"));
        assertTrue(j.get("regionN").get("realised").has("ucl"));
        assertTrue(j.get("optimizer").get("converged").asBoolean());
        assertEquals("OK", j.get("optimizer").get("hessian").asText());
        assertEquals("forward", j.get("optimizer").get("hessianMethod").asText());
        for (String f : List.of("iterations", "evaluations", "gradientNorm")) {
            assertTrue(j.get("optimizer").has(f), f);
        }
        assertTrue(j.get("timing").get("fitSeconds").asDouble() > 0);
        assertEquals(1, j.get("timing").get("threads").asInt());
        double aic = -2 * j.get("logLik").asDouble() + 2 * 3;
        assertEquals(aic, j.get("AIC").asDouble(), 1e-9);
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalEstimates() throws Exception {
        JsonNode one = run(leopardArgs("--threads", "1")).json();
        JsonNode two = run(leopardArgs("--threads", "2")).json();
        assertEquals(one.get("logLik").asDouble(), two.get("logLik").asDouble(), 0.0);
        assertEquals(one.get("coefficients"), two.get("coefficients"));
        assertEquals(one.get("vcov"), two.get("vcov"));
    }

    @Test
    void unknownDetectorInCapturesExitsTwoNamingFileLineAndEverything(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("captures.csv");
        Files.writeString(caps, "session,animalID,occasion,detectorID\nS,1,1,LL001\nS,1,2,LL999\n");
        Run r = run("fit", "--captures", caps.toString(), "--traps", LEOPARD.resolve("traps.csv").toString(),
                "--detector", "proximity", "--buffer", "12000", "--spacing", "1000");
        assertEquals(2, r.exit());
        for (String part : List.of("captures.csv line 3", "session 'S'", "animal '1'", "occasion 2", "detector 'LL999'",
                "unknown detector")) {
            assertTrue(r.err().contains(part), () -> "'" + part + "' not in: " + r.err());
        }
    }

    @Test
    void anEmptyCaptureFileExitsTwo(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("captures.csv");
        Files.writeString(caps, "");
        Run r = run("fit", "--captures", caps.toString(), "--traps", LEOPARD.resolve("traps.csv").toString(),
                "--detector", "proximity", "--buffer", "12000", "--spacing", "1000");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("captures.csv") && r.err().contains("empty"), r.err());
    }

    @Test
    void aBadNumberNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path traps = dir.resolve("traps.csv");
        Files.writeString(traps, "detectorID,x,y\nA,0,0\nB,30,north\n");
        Run r = run("fit", "--captures", LEOPARD.resolve("captures.csv").toString(), "--traps", traps.toString(),
                "--detector", "proximity", "--buffer", "100", "--spacing", "10");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("traps.csv line 3 column 3") && r.err().contains("'north'"), r.err());
    }

    @Test
    void aMissingMaskIsBadInput() {
        Run r = run("fit", "--captures", LEOPARD.resolve("captures.csv").toString(), "--traps",
                LEOPARD.resolve("traps.csv").toString(), "--detector", "proximity");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--buffer"), r.err());
    }

    @Test
    void anUnknownFormulaVariableIsBadInputListingTheValidNames() {
        Run r = run(leopard("--model", "g0~bb"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown variable 'bb'") && r.err().contains("t, T, b"), r.err());
    }

    @Test
    void theCoarseStageIsReportedAndNoCoarseFitGivesTheSameEstimatesFromMoreFullEvaluations() throws Exception {
        JsonNode coarse = run(leopardArgs()).json();
        Run off = run(leopardArgs("--no-coarse-fit"));
        assertEquals(0, off.exit(), off.err());
        JsonNode direct = off.json();
        JsonNode c = coarse.get("optimizer").get("coarse");
        assertTrue(c.get("used").asBoolean(), c.toString());
        assertEquals("", c.get("note").asText());
        assertTrue(c.get("evaluations").asInt() > 0 && c.get("maskPoints").asInt() > 0, c.toString());
        JsonNode d = direct.get("optimizer").get("coarse");
        assertEquals(0, d.get("maskPoints").asInt());
        assertEquals(0, d.get("evaluations").asInt());
        assertTrue(!d.get("used").asBoolean());
        assertTrue(coarse.get("optimizer").get("evaluations").asInt() < direct.get("optimizer").get("evaluations").asInt(),
                coarse.get("optimizer") + " against " + direct.get("optimizer"));
        // two converged fits from different starts: the same MLE to the optimizer's tolerance
        assertEquals(direct.get("logLik").asDouble(), coarse.get("logLik").asDouble(), 1e-8);
        for (int i = 0; i < 3; i++) {
            JsonNode a = direct.get("coefficients").get(i);
            JsonNode b = coarse.get("coefficients").get(i);
            assertEquals(a.get("beta").asDouble(), b.get("beta").asDouble(), 1e-5, a.get("name").asText());
            assertEquals(a.get("se").asDouble(), b.get("se").asDouble(), 1e-3 * a.get("se").asDouble(), a.get("name").asText());
        }
    }

    @Test
    void aGainToleranceOfZeroStopsOnTheGradientOnlyAndANegativeOneIsBadInput() throws Exception {
        JsonNode gain = run(leopardArgs()).json();
        Run off = run(leopardArgs("--gain-tolerance", "0"));
        assertEquals(0, off.exit(), off.err());
        JsonNode gradient = off.json();
        assertEquals("gradient below tolerance", gradient.get("optimizer").get("message").asText());
        assertTrue(gain.get("optimizer").get("evaluations").asInt() <= gradient.get("optimizer").get("evaluations").asInt(),
                gain.get("optimizer") + " against " + gradient.get("optimizer"));
        // the default stops where a step would raise log L by less than 1e-10: within 3e-5 standard errors
        assertEquals(gradient.get("logLik").asDouble(), gain.get("logLik").asDouble(), 2e-10);
        for (int i = 0; i < 3; i++) {
            JsonNode a = gradient.get("coefficients").get(i);
            JsonNode b = gain.get("coefficients").get(i);
            double se = a.get("se").asDouble();
            assertEquals(a.get("beta").asDouble(), b.get("beta").asDouble(), 3e-5 * se, a.get("name").asText());
        }
        Run bad = run(leopardArgs("--gain-tolerance", "-1"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--gain-tolerance must be finite and >= 0 but was -1.0"), bad.err());
    }

    @Test
    void theHessianMethodsChangeTheSesNotTheEstimatesAndAnUnknownMethodIsBadInput() throws Exception {
        JsonNode forward = run(leopardArgs()).json();
        Run central = run(leopardArgs("--hessian", "gradient"));
        assertEquals(0, central.exit(), central.err());
        JsonNode gradient = central.json();
        assertEquals("gradient", gradient.get("optimizer").get("hessianMethod").asText());
        assertEquals(forward.get("optimizer").get("evaluations").asInt() + 4,
                gradient.get("optimizer").get("evaluations").asInt(),
                "central differences: 2p calls; forward: p - 1 (D's column in closed form)");
        for (int i = 0; i < 3; i++) {
            JsonNode a = gradient.get("coefficients").get(i);
            JsonNode b = forward.get("coefficients").get(i);
            assertEquals(a.get("beta").asDouble(), b.get("beta").asDouble(), 0.0);
            // forward differences at a relative step of 1e-6: an O(h) error, measured at 4e-6 and below here
            assertEquals(a.get("se").asDouble(), b.get("se").asDouble(), 2e-5 * a.get("se").asDouble());
        }
        Run nlm = run(leopardArgs("--hessian", "nlm"));
        assertEquals(0, nlm.exit(), nlm.err());
        JsonNode j = nlm.json();
        assertEquals("nlm", j.get("optimizer").get("hessianMethod").asText());
        for (int i = 0; i < 3; i++) {
            JsonNode a = gradient.get("coefficients").get(i);
            JsonNode b = j.get("coefficients").get(i);
            assertEquals(a.get("beta").asDouble(), b.get("beta").asDouble(), 0.0);
            assertEquals(a.get("se").asDouble(), b.get("se").asDouble(), 2e-3 * a.get("se").asDouble());
        }
        Run bad = run(leopardArgs("--hessian", "numeric"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--hessian numeric: use forward, gradient or nlm"), bad.err());
    }

    @Test
    void anUnknownHcovPoissonTermOrOneWithoutHcovIsBadInput() {
        Run unknown = run(leopardArgs("--hcov-poisson", "secr"));
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--hcov-poisson secr: use mixture or harmonic"), unknown.err());
        Run alone = run(leopardArgs("--hcov-poisson", "harmonic"));
        assertEquals(2, alone.exit());
        assertTrue(alone.err().contains("give --hcov too"), alone.err());
    }

    @Test
    void realHasOneRowPerLevelOfTheFormulaVariables() throws Exception {
        Run r = run(leopard("--model", "g0~b"));
        assertEquals(0, r.exit(), r.err());
        JsonNode g0 = r.json().get("real").get("g0");
        assertEquals(2, g0.size());
        assertEquals("FALSE", g0.get(0).get("level").get("b").asText());
        assertEquals("TRUE", g0.get(1).get("level").get("b").asText());
        assertEquals(1, r.json().get("real").get("sigma").size());
        assertEquals(4, r.json().get("npar").asInt());
    }

    @Test
    void fixedParameterHasNoCoefficient() throws Exception {
        Run r = run(leopardArgs("--fixed", "g0=0.1"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.json().get("npar").asInt());
        assertEquals(0.1, r.json().get("real").get("g0").get(0).get("estimate").asDouble(), 1e-15);
    }

    @Test
    void tableFormatPrintsTheEstimates() {
        Run r = run(leopardArgs("--format", "table"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("per 100 km2") && r.out().contains("sigma"), r.out());
    }

    @Test
    void densitySurfaceOverTheMaskAndItsCovariates(@TempDir Path dir) throws Exception {
        Path surface = dir.resolve("surface.csv");
        Run r = run(leopard("--model", "D~x", "--surface", surface.toString()));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("D.x", j.get("coefficients").get(1).get("name").asText());
        assertEquals("reference", j.get("real").get("D").get(0).get("level").get("maskPoint").asText());
        List<String> lines = Files.readAllLines(surface);
        assertEquals("session,x,y,D,se,lcl,ucl", lines.get(0));
        // E(N) over the mask is the surface summed over its cells (1000 m spacing: 100 ha each)
        double sum = 0;
        StringBuilder mask = new StringBuilder("x,y,zone\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            sum += Double.parseDouble(f[3]) * 100;
            mask.append(f[1]).append(',').append(f[2]).append(',').append(Double.parseDouble(f[1]) < 400_000 ? "west" : "east")
                    .append('\n');
        }
        double expected = j.get("regionN").get("expected").get("estimate").asDouble();
        assertEquals(expected, sum, 1e-9 * expected);
        // the same mask written with a factor covariate, fitted as D ~ zone
        Path maskFile = dir.resolve("mask.csv");
        Files.writeString(maskFile, mask);
        List<String> a = new java.util.ArrayList<>(List.of("fit", "--captures", LEOPARD.resolve("captures.csv").toString(),
                "--traps", LEOPARD.resolve("traps.csv").toString(), "--detector", "proximity", "--mask", maskFile.toString()));
        a.addAll(List.of("--model", "D~zone"));
        Run z = run(a.toArray(new String[0]));
        assertEquals(0, z.exit(), z.err());
        assertEquals("D.zonewest", z.json().get("coefficients").get(1).get("name").asText());
        a.set(a.size() - 1, "D~zon");
        Run typo = run(a.toArray(new String[0]));
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("unknown variable 'zon'") && typo.err().contains("mask covariates: zone"), typo.err());
    }

    @Test
    void behaviouralResponsesAndTimeDetectorAndSessionCovariatesThroughTheCli(@TempDir Path dir) throws Exception {
        // detector-specific learned response (lured or marked sites): one real g0 per bk level
        Run bk = run(leopard("--model", "g0~bk"));
        assertEquals(0, bk.exit(), bk.err());
        JsonNode j = bk.json();
        assertEquals("g0.bkTRUE", j.get("coefficients").get(2).get("name").asText());
        assertEquals(2, j.get("real").get("g0").size());
        assertEquals("FALSE", j.get("real").get("g0").get(0).get("level").get("bk").asText());
        assertEquals("TRUE", j.get("real").get("g0").get(1).get("level").get("bk").asText());
        // a time covariate (one row per occasion) and a detector covariate read from the traps file
        StringBuilder time = new StringBuilder("snow\n");
        for (int t = 0; t < 12; t++) {
            time.append(t < 6 ? 0 : 1).append('\n');
        }
        Path timecov = dir.resolve("timecov.csv");
        Files.writeString(timecov, time);
        List<String> traps = Files.readAllLines(LEOPARD.resolve("traps.csv"));
        StringBuilder withCov = new StringBuilder(traps.get(0)).append(",trail\n");
        for (int k = 1; k < traps.size(); k++) {
            withCov.append(traps.get(k)).append(',').append(k % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path trapsCov = dir.resolve("traps.csv");
        Files.writeString(trapsCov, withCov);
        String[] args = leopard("--model", "g0~snow+trail", "--timecov", timecov.toString());
        args[4] = trapsCov.toString();
        Run cov = run(args);
        assertEquals(0, cov.exit(), cov.err());
        JsonNode c = cov.json();
        assertEquals("g0.snow", c.get("coefficients").get(2).get("name").asText());
        assertEquals("g0.trailyes", c.get("coefficients").get(3).get("name").asText());
        assertEquals("reference", c.get("real").get("g0").get(0).get("level").get("detector").asText());
        args[args.length - 3] = "g0~snowe";
        Run typo = run(args);
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("unknown variable 'snowe'") && typo.err().contains("detector covariates: trail")
                && typo.err().contains("time covariates: snow"), typo.err());
        // session covariates need a row per session
        Path sessioncov = dir.resolve("sessioncov.csv");
        Files.writeString(sessioncov, "session,crew\nnowhere,2\n");
        Run bad = run(leopard("--model", "g0~crew", "--sessioncov", sessioncov.toString()));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("session 'nowhere' is not in the data"), bad.err());
    }

    /** The bundled captures with a sex column (F for even animal IDs, M for odd), written to {@code dir}. */
    static Path capturesWithSex(Path dir) throws java.io.IOException {
        List<String> lines = Files.readAllLines(LEOPARD.resolve("captures.csv"));
        StringBuilder withSex = new StringBuilder(lines.get(0)).append(",sex\n");
        for (String line : lines.subList(1, lines.size())) {
            int id = Integer.parseInt(line.split(",")[1]);
            withSex.append(line).append(',').append(id % 2 == 0 ? "F" : "M").append('\n');
        }
        Path captures = dir.resolve("captures.csv");
        Files.writeString(captures, withSex);
        return captures;
    }

    @Test
    void groupsGiveEachSexItsOwnDensity(@TempDir Path dir) throws Exception {
        String[] args = leopard("--groups", "sex", "--model", "D~g", "--model", "sigma~g");
        args[2] = capturesWithSex(dir).toString();
        Run r = run(args);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("D.gM", j.get("coefficients").get(1).get("name").asText());
        assertEquals(2, j.get("real").get("D").size());
        assertEquals("F", j.get("real").get("D").get(0).get("level").get("g").asText());
        assertEquals("M", j.get("real").get("D").get(1).get("level").get("g").asText());
        double area = j.get("regionN").get("areaHectares").asDouble();
        double expected = (j.get("real").get("D").get(0).get("estimate").asDouble()
                + j.get("real").get("D").get(1).get("estimate").asDouble()) * area;
        assertEquals(expected, j.get("regionN").get("expected").get("estimate").asDouble(), 1e-9 * expected);
    }

    @Test
    void individualCovariatesWithTheConditionalLikelihood(@TempDir Path dir) throws Exception {
        Path captures = capturesWithSex(dir);
        String[] args = leopard("--cl", "--model", "sigma~sex");
        args[2] = captures.toString();
        Run cl = run(args);
        assertEquals(0, cl.exit(), cl.err());
        JsonNode j = cl.json();
        assertEquals("sigma.sexM", j.get("coefficients").get(2).get("name").asText());
        assertEquals("reference", j.get("real").get("sigma").get(0).get("level").get("individual").asText());
        assertTrue(j.get("derived").get("D").get("estimate").asDouble() > 0);
        String[] fullArgs = leopard("--model", "sigma~sex");
        fullArgs[2] = captures.toString();
        Run full = run(fullArgs);
        assertEquals(2, full.exit());
        assertTrue(full.err().contains("individual covariate(s) [sex]") && full.err().contains("--cl"), full.err());
    }

    /** A 300 m square searched on 5 occasions, 25 animals with 1-3 located detections each (seeded). */
    private static Path[] areaSearch(Path dir) throws Exception {
        Path traps = dir.resolve("polygon.csv");
        Files.writeString(traps, "detectorID,vertex,x,y\nP,1,0,0\nP,2,300,0\nP,3,300,300\nP,4,0,300\n");
        StringBuilder caps = new StringBuilder("session,animalID,occasion,detectorID,x,y\n");
        java.util.Random r = new java.util.Random(20261121L);
        for (int i = 1; i <= 25; i++) {
            double cx = 20 + 260 * r.nextDouble();
            double cy = 20 + 260 * r.nextDouble();
            int k = 1 + r.nextInt(3);
            for (int occ = 1; occ <= k; occ++) {
                double x = Math.min(299, Math.max(1, cx + 15 * r.nextGaussian()));
                double y = Math.min(299, Math.max(1, cy + 15 * r.nextGaussian()));
                caps.append(String.format(java.util.Locale.ROOT, "S,%d,%d,P,%.2f,%.2f%n", i, occ, x, y));
            }
        }
        Path c = dir.resolve("captures.csv");
        Files.writeString(c, caps.toString());
        return new Path[] {traps, c};
    }

    @Test
    void anAreaSearchFitsWithPolygonDetectorsAndOneAndTwoThreadsAgree(@TempDir Path dir) throws Exception {
        Path[] f = areaSearch(dir);
        List<String> a = new java.util.ArrayList<>(List.of("fit", "--captures", f[1].toString(), "--traps", f[0].toString(),
                "--detector", "polygonX", "--detectfn", "HHN", "--buffer", "100", "--spacing", "10"));
        Run one = run(a.toArray(new String[0]));
        assertEquals(0, one.exit(), one.err());
        JsonNode j = one.json();
        assertTrue(j.get("optimizer").get("converged").asBoolean(), j.toString());
        double sigma = j.get("real").get("sigma").get(0).get("estimate").asDouble();
        assertTrue(sigma > 8 && sigma < 30, "sigma " + sigma + " m from detections scattered with sd 15 m");
        a.addAll(List.of("--threads", "2"));
        JsonNode two = run(a.toArray(new String[0])).json();
        assertEquals(j.get("logLik").asDouble(), two.get("logLik").asDouble(), 0);
        assertEquals(j.get("coefficients").toString(), two.get("coefficients").toString());
    }

    @Test
    void aDetectionOutsideItsPolygonExitsTwoNamingFileLineAndDistance(@TempDir Path dir) throws Exception {
        Path[] f = areaSearch(dir);
        Files.writeString(f[1], "session,animalID,occasion,detectorID,x,y\nS,1,1,P,10,10\nS,1,2,P,310,150\n");
        Run r = run("fit", "--captures", f[1].toString(), "--traps", f[0].toString(), "--detector", "polygonX",
                "--detectfn", "HHN", "--buffer", "100", "--spacing", "10");
        assertEquals(2, r.exit());
        for (String part : List.of("captures.csv line 3", "animal '1'", "occasion 2", "detector 'P'", "is 10.0 m outside")) {
            assertTrue(r.err().contains(part), () -> "'" + part + "' not in: " + r.err());
        }
    }
}
