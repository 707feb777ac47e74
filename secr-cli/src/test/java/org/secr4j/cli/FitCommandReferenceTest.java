package org.secr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference fits through {@code secr4j fit}: the CLI's JSON against R secr's (needs ../shared). */
@Tag("reference")
class FitCommandReferenceTest {
    static final double BETA = 1e-4;
    static final double SE = 1e-3;

    static Path shared() {
        return Path.of(System.getProperty("secr4j.shared", "../../shared")).toAbsolutePath().normalize();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "captdata_HN, captdata, single, HN, false, true",
        "captdata_HN_CL, captdata, single, HN, true, true",
        "captdata_HHN, captdata, single, HHN, false, true",
        "stoatDNA_HN, stoatDNA, proximity, HN, false, true",
        "stoatDNA_HN_nofast, stoatDNA, proximity, HN, false, false",
        "countsim_HHN_poisson, countsim, count, HHN, false, true",
        "deermouse_ESG_HN, deermouse_ESG, multi, HN, false, true"})
    void cliJsonMatchesSecr(String name, String data, String detector, String fn, boolean cl, boolean fast) throws Exception {
        Path ref = shared().resolve("reference");
        JsonNode secr = new ObjectMapper().readTree(Files.readString(ref.resolve(name + ".json")));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", "--captures",
                shared().resolve("data/" + data + "/captures.csv").toString(),
                "--traps", shared().resolve("data/" + data + "/traps.csv").toString(), "--detector", detector,
                "--mask", ref.resolve(name + "_mask.csv").toString(), "--detectfn", fn,
                "--details", "fastproximity=" + (fast ? "TRUE" : "FALSE"), "--threads", "2"));
        if (cl) {
            args.add("--cl");
        }
        FitCommandTest.Run r = FitCommandTest.run(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(secr.get("logLik").asDouble(), j.get("logLik").asDouble(), 1e-6 * Math.abs(secr.get("logLik").asDouble()));
        assertEquals(secr.get("npar").asInt(), j.get("npar").asInt());
        assertEquals(secr.get("AIC").asDouble(), j.get("AIC").asDouble(), 1e-3);
        assertEquals(secr.get("AICc").asDouble(), j.get("AICc").asDouble(), 1e-3);
        for (int i = 0; i < j.get("coefficients").size(); i++) {
            JsonNode c = j.get("coefficients").get(i);
            assertEquals(secr.get("coef").get("names").get(i).asText(), c.get("name").asText());
            double b = secr.get("coef").get("beta").get(i).asDouble();
            double s = secr.get("coef").get("SE").get(i).asDouble();
            assertTrue(Math.abs(c.get("beta").asDouble() - b) <= BETA * Math.abs(b), name + " beta " + i);
            assertTrue(Math.abs(c.get("se").asDouble() - s) <= SE * s, name + " se " + i);
        }
        double d = secr.get("derived").get("D").get("estimate").asDouble();
        assertEquals(d, j.get("derived").get("D").get("estimate").asDouble(), 1e-3 * d);
        if (!cl) {
            double en = secr.get("region_N").get("E.N").get("estimate").asDouble();
            assertEquals(en, j.get("regionN").get("expected").get("estimate").asDouble(), 1e-3 * en);
        }
    }

    /** {@code secr4j fit} of blackbear_EX_hcov's model on its mask, with {@code extra} options. */
    private static FitCommandTest.Run blackbearHcov(String... extra) {
        Path ref = shared().resolve("reference");
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--captures",
                shared().resolve("data/blackbear/captures.csv").toString(), "--traps",
                shared().resolve("data/blackbear/traps.csv").toString(), "--detector", "proximity", "--mask",
                ref.resolve("blackbear_EX_hcov_mask.csv").toString(), "--detectfn", "EX", "--hcov", "sex", "--model", "g0~h2",
                "--model", "sigma~h2", "--model", "pmix~h2"));
        args.addAll(List.of(extra));
        return FitCommandTest.run(args.toArray(new String[0]));
    }

    /**
     * The fit's logLik (1e-6), coefficient names and β̂ ({@link #BETA} of max(|β|, SE)) are secr's, and with
     * {@code ses} its SEs ({@link #SE}).
     */
    private static void assertMatchesSecr(JsonNode secr, JsonNode j, boolean ses) {
        assertEquals(secr.get("logLik").asDouble(), j.get("logLik").asDouble(), 1e-6);
        for (int i = 0; i < j.get("coefficients").size(); i++) {
            JsonNode c = j.get("coefficients").get(i);
            assertEquals(secr.get("coef").get("names").get(i).asText(), c.get("name").asText());
            double b = secr.get("coef").get("beta").get(i).asDouble();
            double s = secr.get("coef").get("SE").get(i).asDouble();
            assertTrue(Math.abs(c.get("beta").asDouble() - b) <= BETA * Math.max(Math.abs(b), s), "beta " + i);
            assertTrue(!ses || Math.abs(c.get("se").asDouble() - s) <= SE * s,
                    "se " + i + ": secr " + s + ", secr4j " + c.get("se"));
        }
    }

    /** Sex-specific g0 and sigma (secr: hcov = "sex", EX) through the CLI: blackbear_EX_hcov. */
    @org.junit.jupiter.api.Test
    void knownClassMixtureThroughTheCli() throws Exception {
        Path ref = shared().resolve("reference");
        JsonNode secr = new ObjectMapper().readTree(Files.readString(ref.resolve("blackbear_EX_hcov.json")));
        FitCommandTest.Run r = blackbearHcov();
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertMatchesSecr(secr, j, false);
        assertEquals(2, j.get("real").get("sigma").size());
        assertEquals("M", j.get("real").get("sigma").get(1).get("level").get("h2").asText());
        assertEquals(0.671130, j.get("real").get("pmix").get(0).get("estimate").asDouble(), 1e-4);
    }

    /**
     * {@code --hcov-poisson harmonic --hessian nlm} reproduces every SE of secr's known-class mixture
     * blackbear_EX_hcov (with the model's Poisson term SE(β_D) is 1.07% larger: HybridMixtureInformationTest),
     * with the same estimates and logLik.
     */
    @org.junit.jupiter.api.Test
    void harmonicHcovPoissonTermReproducesSecrsKnownClassSes() throws Exception {
        Path ref = shared().resolve("reference");
        JsonNode secr = new ObjectMapper().readTree(Files.readString(ref.resolve("blackbear_EX_hcov.json")));
        FitCommandTest.Run r = blackbearHcov("--hcov-poisson", "harmonic", "--hessian", "nlm");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("harmonic", j.get("hcovPoissonTerm").asText());
        assertMatchesSecr(secr, j, true);
    }

    /**
     * {@code --hessian nlm} reproduces the SEs of secr's finite-mixture fit captdata_h2 (g0 ~ h2), whose
     * weakly determined coefficients carry nlm's truncation error (0.57% from the analytic Hessian's).
     */
    @org.junit.jupiter.api.Test
    void nlmsHessianReproducesSecrsMixtureSes() throws Exception {
        Path ref = shared().resolve("reference");
        JsonNode secr = new ObjectMapper().readTree(Files.readString(ref.resolve("captdata_h2.json")));
        FitCommandTest.Run r = FitCommandTest.run("fit", "--captures", shared().resolve("data/captdata/captures.csv").toString(),
                "--traps", shared().resolve("data/captdata/traps.csv").toString(), "--detector", "single",
                "--mask", ref.resolve("captdata_h2_mask.csv").toString(), "--model", "g0~h2", "--hessian", "nlm");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("nlm", j.get("optimizer").get("hessianMethod").asText());
        for (int i = 0; i < j.get("coefficients").size(); i++) {
            JsonNode c = j.get("coefficients").get(i);
            assertEquals(secr.get("coef").get("names").get(i).asText(), c.get("name").asText());
            double s = secr.get("coef").get("SE").get(i).asDouble();
            assertTrue(Math.abs(c.get("se").asDouble() - s) <= SE * s, "se " + i + ": secr " + s + ", secr4j " + c.get("se"));
        }
    }
}
