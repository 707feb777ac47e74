package org.secr4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.secr4j.benchmarks.likelihood.SecrLikelihoodBenchmark;

/** The benchmark variants compute the same thing: 1 and 2 threads, value and value + gradient. */
class BenchmarkVariantsTest {
    private static double[] run(String scenario, int threads) {
        return run(scenario, threads, false);
    }

    private static double[] run(String scenario, int threads, boolean local) {
        return run(scenario, threads, local, true);
    }

    private static double[] run(String scenario, int threads, boolean local, boolean vector) {
        SecrLikelihoodBenchmark b = new SecrLikelihoodBenchmark();
        b.scenario = scenario;
        b.threads = threads;
        b.local = local;
        b.vector = vector;
        b.setUp();
        try {
            return new double[] {b.value(), b.valueAndGradient()};
        } finally {
            b.tearDown();
        }
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameValues() {
        for (boolean local : new boolean[] {false, true}) {
            double[] vector = run("simLarge", 1, local, true);
            double[] scalar = run("simLarge", 1, local, false);
            for (int j = 0; j < 2; j++) {
                assertEquals(scalar[j], vector[j], 1e-12 * Math.abs(scalar[j]), "local " + local + " variant " + j);
            }
        }
    }

    /** The hazard form's fused pass and the general kernel: the same likelihood, summed in other orders. */
    @Test
    void hazardHalfNormalScenarioGivesTheGeneralKernelsValues() {
        double[] fused = run("hhn", 1);
        double[] general = run("hhnGeneral", 1);
        for (int j = 0; j < 2; j++) {
            assertEquals(general[j], fused[j], 1e-11 * Math.abs(general[j]), "variant " + j);
        }
    }

    /** Failed cameras: the fused pass's weighted hazard sums and the general kernel's sums occasion by occasion. */
    @Test
    void failedCamerasScenarioGivesTheGeneralKernelsValues() {
        for (boolean local : new boolean[] {false, true}) {
            double[] fused = run("cameras", 1, local);
            double[] general = run("camerasGeneral", 1, local);
            // local evaluation: the fused pass keeps the pairs within the radius in a disc, the general kernel in a square
            double tolerance = local ? 1e-10 : 1e-11;
            for (int j = 0; j < 2; j++) {
                assertEquals(general[j], fused[j], tolerance * Math.abs(general[j]), "local " + local + " variant " + j);
            }
        }
        Scenario s = Scenario.load("cameras");
        int k = s.history().session(0).detectors().size();
        java.util.Set<String> vectors = new java.util.HashSet<>();
        for (int occ = 0; occ < 8; occ++) {
            StringBuilder b = new StringBuilder();
            for (int d = 0; d < k; d++) {
                b.append(s.history().session(0).detectors().usage(d, occ) > 0 ? '1' : '0');
            }
            vectors.add(b.toString());
        }
        assertEquals(true, vectors.size() > 1, "usage varies by occasion");
    }

    /**
     * The hornedlizard square in closed form and, given with a vertex mid-side, by the edge-wise quadrature: the
     * same likelihood; at secr's MLE, secr's log-likelihood (reference: secr 5.3.1,
     * {@code secr.fit(hornedlizardCH, mask = <hornedlizard_HHN_mask.csv>, detectfn = "HHN")}, logLik
     * −1755.1003658383 in ../shared/reference/hornedlizard_HHN.json). Needs ../shared.
     */
    @Test
    @org.junit.jupiter.api.Tag("reference")
    void searchSquareScenarioGivesTheQuadraturesValuesAndSecrsLogLikelihood() {
        double[] closed = run("hornedlizard", 1);
        double[] quadrature = run("hornedlizardQuadrature", 1);
        for (int j = 0; j < 2; j++) {
            assertEquals(quadrature[j], closed[j], 1e-10 * Math.abs(quadrature[j]), "variant " + j);
        }
        assertEquals(-1755.1003658383, closed[0], 1e-6, "secr's logLik at its MLE");
        double[] two = run("hornedlizard", 2);
        assertEquals(closed[0], two[0], 0, "two threads");
        assertEquals(closed[1], two[1], 0, "two threads, value + gradient");
    }

    /**
     * refL with {@code g0 ~ b} at a response of 0 is the null model through the general kernel: the fused pass's
     * value and gradient (the null model's three coefficients) with the occasion-by-occasion constant. Needs ../shared.
     */
    @Test
    @org.junit.jupiter.api.Tag("reference")
    void learnedResponseScenarioAtZeroResponseGivesTheNullModel() {
        Scenario s = Scenario.load("refLb");
        Scenario refL = Scenario.load("refL");
        org.secr4j.likelihood.LikelihoodOptions o = org.secr4j.likelihood.LikelihoodOptions.defaults().withFastProximity(false);
        try (org.secr4j.likelihood.SecrLikelihood b = org.secr4j.likelihood.SecrLikelihood.of(s.history(), s.masks(),
                s.layout(), s.options(org.secr4j.likelihood.LikelihoodOptions.defaults()));
                org.secr4j.likelihood.SecrLikelihood n = org.secr4j.likelihood.SecrLikelihood.of(refL.history(), refL.masks(),
                        refL.layout(), o)) {
            double[] gb = new double[s.beta().length];
            double[] gn = new double[3];
            double vb = b.valueAndGradient(s.beta(), gb);
            double vn = n.valueAndGradient(refL.beta(), gn);
            assertEquals(vn, vb, 1e-11 * Math.abs(vn), "log-likelihood");
            java.util.List<String> names = s.layout().coefficientNames();
            String[] shared = {"D", "g0", "sigma"};
            for (int j = 0; j < 3; j++) {
                assertEquals(gn[j], gb[names.indexOf(shared[j])], 1e-8 * Math.max(1, Math.abs(gn[j])), shared[j]);
            }
            assertEquals(java.util.List.of("general"), b.kernels(), "the learned response takes the general kernel");
        }
    }

    /**
     * The reference-case scenarios at secr's MLE give secr's log-likelihood (secr 5.x, {@code secr.fit(captdata,
     * detectfn = "HR", mask = ...)}, logLik -758.528862605129, and {@code secr.fit(possumCH, mask = ...)},
     * logLik -1097.1071658458: the {@code logLik} of ../shared/reference/captdata_HR.json and possum_HN.json), with 1 and 2 threads to the bit. Needs ../shared.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"captdataHR, -758.528862605129", "possum, -1097.1071658458"})
    @org.junit.jupiter.api.Tag("reference")
    void referenceCaseScenariosGiveSecrsLogLikelihoodAtItsEstimates(String scenario, double secr) {
        double[] one = run(scenario, 1);
        double[] two = run(scenario, 2);
        assertEquals(secr, one[0], 1e-8 * Math.abs(secr), scenario + " log-likelihood");
        assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(two[0]), scenario + " 1 vs 2 threads, value");
        assertEquals(Double.doubleToLongBits(one[1]), Double.doubleToLongBits(two[1]),
                scenario + " 1 vs 2 threads, value + gradient");
    }

    /** The whole-fit benchmark with and without the coarse stage: the same MLE, fewer full evaluations with it. */
    @Test
    void wholeFitsWithAndWithoutTheCoarseStageReachTheSameEstimate() {
        org.secr4j.result.FittedModel[] fits = new org.secr4j.result.FittedModel[2];
        for (int i = 0; i < 2; i++) {
            org.secr4j.benchmarks.fit.SecrFitBenchmark b = new org.secr4j.benchmarks.fit.SecrFitBenchmark();
            b.scenario = "hhn";
            b.threads = 1;
            b.local = true;
            b.vector = true;
            b.coarse = i == 0;
            b.setUp();
            fits[i] = b.fit();
        }
        assertEquals(true, fits[0].diagnostics().coarse().used(), fits[0].diagnostics().toString());
        assertEquals(true, fits[0].diagnostics().evaluations() < fits[1].diagnostics().evaluations(),
                fits[0].diagnostics() + " against " + fits[1].diagnostics());
        assertEquals(fits[1].logLikelihood(), fits[0].logLikelihood(), 1e-8);
        for (int j = 0; j < fits[0].beta().length; j++) {
            assertEquals(fits[1].beta()[j], fits[0].beta()[j], 1e-5, "beta " + j);
        }
    }

    @Test
    void simulatedScenarioGivesBitIdenticalValuesForOneAndTwoThreads() {
        double[] one = run("simLarge", 1);
        double[] two = run("simLarge", 2);
        assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(two[0]));
        assertEquals(Double.doubleToLongBits(one[1]), Double.doubleToLongBits(two[1]));
    }

    @Test
    void multiSessionSexSpecificScenarioIsThreadIndependentAndNearTheTruth() {
        double[] one = run("multiSex", 1);
        double[] two = run("multiSex", 2);
        assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(two[0]));
        assertEquals(Double.doubleToLongBits(one[1]), Double.doubleToLongBits(two[1]));
        Scenario s = Scenario.load("multiSex");
        assertEquals(3, s.history().sessionCount());
        assertEquals(java.util.List.of("D", "D.session2025", "D.session2026", "g0", "sigma", "sigma.h2M", "pmix.h2M"),
                s.layout().coefficientNames());
    }

    @Test
    void theMemoryScenarioIsFiveSessionsOf500DetectorsAndAbout50000MaskPoints() {
        Scenario s = Scenario.load("large500");
        assertEquals(5, s.history().sessionCount());
        for (int i = 0; i < 5; i++) {
            assertEquals(500, s.history().session(i).detectors().size());
            int m = s.masks().get(i).size();
            assertEquals(true, m > 48_000 && m < 52_000, "mask points " + m);
        }
    }

    @Test
    void localEvaluationGivesTheDenseValueAndIsThreadIndependent() {
        double[] dense = run("simLarge", 1);
        double[] local = run("simLarge", 1, true);
        double[] local2 = run("simLarge", 2, true);
        assertEquals(dense[0], local[0], 1e-6, "local vs dense logLik");
        assertEquals(Double.doubleToLongBits(local[0]), Double.doubleToLongBits(local2[0]));
        assertEquals(Double.doubleToLongBits(local[1]), Double.doubleToLongBits(local2[1]));
    }

    @Test
    void gateSlowdownRepeatsTheSameEvaluation() {
        org.secr4j.benchmarks.gate.GateBenchmark g = new org.secr4j.benchmarks.gate.GateBenchmark();
        g.slowdown = 1;
        g.setUp();
        double one;
        try {
            one = g.likelihood();
            g.slowdown = 3;
            assertEquals(3 * one, g.likelihood(), 1e-9 * Math.abs(one));
            assertEquals(g.reference(), g.reference(), 0.0);
        } finally {
            g.tearDown();
        }
        assertEquals(true, Double.isFinite(one) && one < 0, "a log-likelihood: " + one);
    }

    @Test
    void valueAndGradientReturnsTheSameValueAsValue() {
        SecrLikelihoodBenchmark b = new SecrLikelihoodBenchmark();
        b.scenario = "simLarge";
        b.threads = 1;
        b.setUp();
        try {
            double v = b.value();
            // valueAndGradient returns value + gradient[0]; recompute the gradient to separate them
            double vg = b.valueAndGradient();
            assertEquals(v, vg - lastGradient(b), 1e-9 * Math.abs(v));
        } finally {
            b.tearDown();
        }
    }

    private static double lastGradient(SecrLikelihoodBenchmark b) {
        try {
            var f = SecrLikelihoodBenchmark.class.getDeclaredField("gradient");
            f.setAccessible(true);
            return ((double[]) f.get(b))[0];
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
