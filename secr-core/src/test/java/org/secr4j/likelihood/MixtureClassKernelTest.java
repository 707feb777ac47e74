package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * Mixtures through the fused pass, one class at a time ({@link SessionKernel#classKernel}): finite
 * mixtures (h2) and known classes (hcov, with animals of unknown class), against the general kernel's
 * per-point mixture, which computes the same likelihood: adding occasion effects ({@code ~h2 + t}) at 0
 * gives each class five parameter combinations, which the fused pass does not take.
 */
class MixtureClassKernelTest {
    /** The class sums against the per-point mixture: the same terms summed in another order. */
    private static final Tolerance CLASSES_VS_GENERAL = Tolerance.relative("classes vs general kernel", 1e-11);
    /**
     * Local evaluation: the fused pass keeps the pairs within the radius in a disc, the general kernel in
     * a square, and each class has its own radius (the general kernel's is that of the widest class).
     */
    private static final Tolerance CLASSES_VS_GENERAL_LOCAL = Tolerance.relative("classes (disc) vs general (square)", 1e-10);
    private static final Tolerance CLASSES_VS_GENERAL_LOCAL_GRADIENT = new Tolerance(
            "classes (disc) vs general (square) gradient", 1e-7, 1.0);
    /** Gradient components (absolute scale 1: components near 0 differ by rounding of O(1) sums). */
    private static final Tolerance CLASSES_VS_GENERAL_GRADIENT = new Tolerance("classes vs general gradient", 1e-9, 1.0);
    /** Vector against scalar fused pass (issue #4: the kernels agree to 1e-12). */
    private static final Tolerance VECTOR_VS_SCALAR = Tolerance.relative("vector vs scalar kernel", 1e-12);

    /** A 10 x 9 grid at 20 m, D = 6/ha, two kinds of animal (g0 0.15 and 0.4, sigma 12 and 22 m), a sex covariate. */
    static CaptureHistory survey(DetectorType type, DetectionFunction fn, long seed) {
        DetectorArray det = CaptureSimulator.grid(type, 10, 9, 20, 0, 0);
        SplittableRandom r = new SplittableRandom(seed);
        HabitatMask region = HabitatMask.around(det, 60, 5);
        double a = fn == DetectionFunction.HHN ? 0.2 : 0.15;
        double b = fn == DetectionFunction.HHN ? 0.6 : 0.4;
        Session f = CaptureSimulator.of(fn, a, 12, 0, 0).simulate("1", Population.poisson(region, 3, r), det, 5, r);
        Session m = CaptureSimulator.of(fn, b, 22, 0, 0).simulate("1", Population.poisson(region, 3, r), det, 5, r);
        int nf = f.animals();
        int n = nf + m.animals();
        java.util.List<String> ids = new java.util.ArrayList<>();
        String[] sex = new String[n];
        for (int i = 0; i < n; i++) {
            ids.add("a" + i);
            sex[i] = i % 6 == 5 ? null : i < nf ? "F" : "M";
        }
        java.util.List<org.secr4j.capture.Detection> dets = new java.util.ArrayList<>(f.detections());
        for (var d : m.detections()) {
            dets.add(new org.secr4j.capture.Detection(d.animal() + nf, d.occasion(), d.detector(), d.count()));
        }
        CovariateTable cov = CovariateTable.of(n, List.of(Covariate.factor("sex", sex)));
        return CaptureHistory.of(Session.of("1", det, 5, ids, null, dets, cov));
    }

    private static String a0(DetectionFunction fn) {
        return fn == DetectionFunction.HHN ? "lambda0" : "g0";
    }

    /** The coefficients: D 6/ha (full), a0 and sigma for class 1 and class 2's effects, pmix (finite mixture). */
    private static double[] beta(ParameterLayout layout, DetectionFunction fn, boolean hcov) {
        double[] b = new double[layout.size()];
        List<String> names = layout.coefficientNames();
        for (int j = 0; j < b.length; j++) {
            String name = names.get(j);
            b[j] = switch (name) {
                case "D" -> Math.log(6);
                case "g0" -> -1.6;
                case "lambda0" -> Math.log(0.2);
                case "sigma" -> Math.log(12);
                case "sigma.h22" -> 0.55;
                case "pmix.h22" -> hcov ? 0.2 : -0.3;
                default -> name.startsWith(a0(fn) + ".h2") ? 1.0 : 0.0;
            };
        }
        return b;
    }

    private static ParameterLayout bind(CaptureHistory ch, DetectionFunction fn, LikelihoodType lt, boolean hcov,
            String extra) {
        String a = a0(fn) + "~h2" + extra;
        ModelSpec spec = hcov ? ModelSpec.of(a, "sigma~h2") : ModelSpec.of(a, "sigma~h2", "pmix~h2");
        return hcov ? ParameterLayout.bind(spec, fn, lt, Map.of(), ch, "sex") : ParameterLayout.bind(spec, fn, lt, Map.of(), ch);
    }

    @ParameterizedTest(name = "{0} {1} {2} hcov {3} local {4}")
    @CsvSource({"MULTI, HN, FULL, false, false", "MULTI, HN, CONDITIONAL, false, true", "SINGLE, HN, FULL, true, false",
        "PROXIMITY, HN, FULL, false, false", "PROXIMITY, HN, FULL, true, true", "PROXIMITY, HN, CONDITIONAL, true, false",
        "COUNT, HN, FULL, false, true", "PROXIMITY, HHN, FULL, false, false", "MULTI, HHN, FULL, true, true",
        "COUNT, HHN, CONDITIONAL, false, false"})
    void classesThroughTheFusedPassGiveTheGeneralKernelsMixture(DetectorType type, DetectionFunction fn,
            LikelihoodType lt, boolean hcov, boolean local) {
        CaptureHistory ch = survey(type, fn, 41);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 80, 5);
        // ~t cannot collapse counts over occasions, so both report the uncollapsed constant
        LikelihoodOptions o = LikelihoodOptions.defaults().with(lt).withLocalEvaluation(local).withFastProximity(false);
        ParameterLayout classes = bind(ch, fn, lt, hcov, "");
        ParameterLayout time = bind(ch, fn, lt, hcov, "+t");
        HazardAtomKernelTest.assertFusedMatchesGeneral(ch, mask, o, classes, time, a0(fn) + ".t", beta(classes, fn, hcov),
                local ? CLASSES_VS_GENERAL_LOCAL : CLASSES_VS_GENERAL,
                local ? CLASSES_VS_GENERAL_LOCAL_GRADIENT : CLASSES_VS_GENERAL_GRADIENT, type + " " + fn + " classes");
    }

    /**
     * Under dense evaluation the vector kernel's minimum size counts each class's pass over the pairs: with the
     * minimum between the survey's pairs and twice that, the two-class mixture takes the vector kernel and the
     * constant model the scalar one; under local evaluation both the scalar one.
     */
    @Test
    void theVectorKernelsMinimumSizeCountsEachClassPass() {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, 43);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 80, 5);
        long pairs = SecrLikelihood.pairs(ch, List.of(mask));
        ParameterLayout h2 = bind(ch, DetectionFunction.HN, LikelihoodType.FULL, false, "");
        ParameterLayout constant = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        assertEquals(2 * pairs, SecrLikelihood.pairs(ch, List.of(mask), h2));
        assertEquals(pairs, SecrLikelihood.pairs(ch, List.of(mask), constant));
        LikelihoodOptions o = LikelihoodOptions.defaults().withVectorMinimumPairs(pairs + 1);
        try (SecrLikelihood mixture = SecrLikelihood.of(ch, List.of(mask), h2, o);
                SecrLikelihood one = SecrLikelihood.of(ch, List.of(mask), constant, o)) {
            assertEquals(List.of("scalar"), one.kernels());
            assertEquals(List.of(LikelihoodOptions.vectorKernelAvailable() ? "vector" : "scalar"), mixture.kernels());
        }
        try (SecrLikelihood local = SecrLikelihood.of(ch, List.of(mask), h2, o.withLocalEvaluation(true))) {
            assertEquals(List.of("scalar"), local.kernels());
        }
    }

    /**
     * secr's harmonic Poisson term of a known-class mixture needs p· per class
     * ({@link HcovPoissonTerm#HARMONIC}): the class sums give it as the general kernel does.
     */
    @Test
    void knownClassesWithTheHarmonicPoissonTermGiveTheGeneralKernelsLikelihood() {
        CaptureHistory all = survey(DetectorType.MULTI, DetectionFunction.HN, 43);
        Session s = all.session(0);
        String[] sex = new String[s.animals()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = s.individualCovariates().get("sex").orElseThrow().textValue(i);
            sex[i] = sex[i] == null ? "F" : sex[i]; // every class known
        }
        CaptureHistory ch = CaptureHistory.of(Session.of(s.id(), s.detectors(), s.occasions(), s.animalIds(), null,
                s.detections(), CovariateTable.of(sex.length, List.of(Covariate.factor("sex", sex)))));
        HabitatMask mask = HabitatMask.around(s.detectors(), 80, 5);
        LikelihoodOptions o = LikelihoodOptions.defaults().withHcovPoissonTerm(HcovPoissonTerm.HARMONIC)
                .withFastProximity(false);
        ParameterLayout classes = bind(ch, DetectionFunction.HN, LikelihoodType.FULL, true, "");
        ParameterLayout time = bind(ch, DetectionFunction.HN, LikelihoodType.FULL, true, "+t");
        HazardAtomKernelTest.assertFusedMatchesGeneral(ch, mask, o, classes, time, "g0.t",
                beta(classes, DetectionFunction.HN, true), CLASSES_VS_GENERAL, CLASSES_VS_GENERAL_GRADIENT,
                "harmonic hcov classes");
    }

    /**
     * Individual classes: an individual covariate of the conditional likelihood (sex, weight with three
     * values) and groups of the full likelihood (Poisson and binomial), each class's p· summed apart.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({"MULTI, CONDITIONAL, 'g0~sex', POISSON", "PROXIMITY, CONDITIONAL, 'sigma~weight', POISSON",
        "MULTI, FULL, 'D~g;g0~g', POISSON", "PROXIMITY, FULL, 'sigma~g', BINOMIAL"})
    void individualClassesThroughTheFusedPassGiveTheGeneralKernelsLikelihood(DetectorType type, LikelihoodType lt,
            String model, org.secr4j.model.PopulationDistribution dist) {
        CaptureHistory ch = IndividualCovariateTest.survey(type, 45);
        HabitatMask mask = org.secr4j.TestSurveys.mask(ch.session(0).detectors());
        LikelihoodOptions o = LikelihoodOptions.defaults().with(lt).with(dist).withFastProximity(false);
        boolean groups = lt == LikelihoodType.FULL;
        ParameterLayout classes = groups ? GroupTest.bind(model, ch, lt) : IndividualCovariateTest.bind(model, ch);
        String timed = model.contains("g0~") ? model.replace("g0~", "g0~t+") : model + ";g0~t";
        ParameterLayout time = groups ? GroupTest.bind(timed, ch, lt) : IndividualCovariateTest.bind(timed, ch);
        HazardAtomKernelTest.assertFusedMatchesGeneral(ch, mask, o, classes, time, "g0.t",
                ResponseAndDetectorCovariateTest.beta(classes, 1), CLASSES_VS_GENERAL, CLASSES_VS_GENERAL_GRADIENT,
                model + " classes");
    }

    /** Two threads give the same bits as one; the vector kernel agrees with the scalar one to 1e-12. */
    @ParameterizedTest(name = "local {0}")
    @CsvSource({"false", "true"})
    void classesGiveTheSameBitsOnTwoThreadsAndAgreeAcrossKernels(boolean local) {
        CaptureHistory ch = survey(DetectorType.PROXIMITY, DetectionFunction.HN, 42);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 80, 5);
        ParameterLayout layout = bind(ch, DetectionFunction.HN, LikelihoodType.FULL, false, "");
        double[] beta = beta(layout, DetectionFunction.HN, false);
        LikelihoodOptions o = LikelihoodOptions.defaults().withLocalEvaluation(local).withVectorKernel(false);
        LikelihoodOptions v = o.withVectorKernel(true).withVectorMinimumPairs(0);
        int n = beta.length;
        try (SecrLikelihood one = SecrLikelihood.of(ch, List.of(mask), layout, o);
                SecrLikelihood two = SecrLikelihood.of(ch, List.of(mask), layout, o.withThreads(2));
                SecrLikelihood vector = SecrLikelihood.of(ch, List.of(mask), layout, v);
                SecrLikelihood vectorTwo = SecrLikelihood.of(ch, List.of(mask), layout, v.withThreads(2))) {
            double[] g1 = new double[n];
            double[] g2 = new double[n];
            double[] gv = new double[n];
            double[] gv2 = new double[n];
            double v1 = one.valueAndGradient(beta, g1);
            assertEquals(v1, two.valueAndGradient(beta, g2), 0.0, "two threads: the same bits");
            double vv = vector.valueAndGradient(beta, gv);
            assertEquals(vv, vectorTwo.valueAndGradient(beta, gv2), 0.0, "vector, two threads: the same bits");
            VECTOR_VS_SCALAR.assertClose(v1, vv, "logLik, " + vector.kernels());
            for (int j = 0; j < n; j++) {
                assertEquals(g1[j], g2[j], 0.0, "two threads: the same bits");
                assertEquals(gv[j], gv2[j], 0.0, "vector, two threads: the same bits");
                CLASSES_VS_GENERAL_GRADIENT.assertClose(g1[j], gv[j], "gradient " + j + ", vector vs scalar");
            }
        }
    }

    /**
     * A class with a model the fused pass does not take (a learned response, occasion effects, EX), or more
     * than four individual classes, send the whole model to the general kernel.
     */
    @Test
    void aMixtureWithAClassOutsideTheFusedPassRunsTheGeneralKernel() {
        CaptureHistory ch = survey(DetectorType.MULTI, DetectionFunction.HN, 44);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 80, 5);
        for (String g0 : new String[] {"g0~h2+b", "g0~h2+t"}) {
            ParameterLayout layout = ParameterLayout.bind(ModelSpec.of(g0, "pmix~h2"), DetectionFunction.HN,
                    LikelihoodType.FULL, Map.of(), ch);
            try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, LikelihoodOptions.defaults())) {
                assertEquals(List.of("general"), l.kernels(), g0);
            }
        }
        // six individual classes (weight x sex): each class's pass would visit every animal
        CaptureHistory cov = IndividualCovariateTest.survey(DetectorType.MULTI, 46);
        try (SecrLikelihood l = SecrLikelihood.of(cov, List.of(org.secr4j.TestSurveys.mask(cov.session(0).detectors())),
                IndividualCovariateTest.bind("g0~weight*sex", cov), LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL))) {
            assertEquals(List.of("general"), l.kernels(), "six individual classes");
        }
        ParameterLayout ex = ParameterLayout.bind(ModelSpec.of("g0~h2", "pmix~h2"), DetectionFunction.EX,
                LikelihoodType.FULL, Map.of(), ch);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), ex, LikelihoodOptions.defaults())) {
            assertEquals(List.of("general"), l.kernels(), "EX");
        }
    }
}
