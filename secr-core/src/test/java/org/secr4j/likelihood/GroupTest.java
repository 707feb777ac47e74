package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.Tolerance;
import org.secr4j.TestSurveys;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.design.Context;
import org.secr4j.design.ExtraCovariates;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;
import org.secr4j.result.RegionN;

/**
 * Groups (secr's {@code groups}): each level of an individual factor is a population with its own
 * density and detection parameters (variable g). The full likelihood against a direct evaluation of
 * \( \sum_c [-D_c a_c + n_c\log D_c] + \sum_i \log \sum_m \Pr(\omega_i \mid x_m, \theta_{c(i)}) \) (Poisson) and
 * its binomial form, the gradient, the design coding, and region N summed over the groups.
 */
class GroupTest {
    private static final Tolerance DIRECT = Tolerance.relative("kernel vs direct evaluation", 1e-9);
    private static final double STEP = 1e-5;

    static ParameterLayout bind(String model, CaptureHistory ch, LikelihoodType lt) {
        return ParameterLayout.bind(ModelSpec.of(model.split(";")), DetectionFunction.HN, lt, Map.of(), ch, Map.of(), null, null,
                ExtraCovariates.none().withGroups(List.of("sex")));
    }

    static Stream<Arguments> cases() {
        return Stream.of(DetectorType.MULTI, DetectorType.PROXIMITY)
                .flatMap(t -> Stream.of(PopulationDistribution.POISSON, PopulationDistribution.BINOMIAL)
                        .flatMap(d -> Stream.of("D~g;g0~g", "sigma~g", "D~g;g0~bk+g").map(m -> Arguments.of(t, d, m))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void groupLikelihoodDifferencesEqualTheDirectEvaluationAndItsGradient(DetectorType type, PopulationDistribution dist,
            String model) {
        CaptureHistory ch = IndividualCovariateTest.survey(type, 31);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout l = bind(model, ch, LikelihoodType.FULL);
        double[] b1 = ResponseAndDetectorCovariateTest.beta(l, 1);
        double[] b2 = ResponseAndDetectorCovariateTest.beta(l, 2);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l, LikelihoodOptions.defaults().with(dist))) {
            DIRECT.assertClose(direct(ch, mask, l, b1, type, dist) - direct(ch, mask, l, b2, type, dist),
                    lik.value(b1) - lik.value(b2), model);
            Tolerance.assertGradientMatchesCentralDifferences(lik, b1, STEP, type + " " + dist + " " + model);
        }
    }

    @Test
    void conditionalLikelihoodWithGroupsHasItsGradient() {
        CaptureHistory ch = IndividualCovariateTest.survey(DetectorType.MULTI, 32);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout l = bind("g0~g;sigma~g", ch, LikelihoodType.CONDITIONAL);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), l,
                LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL))) {
            Tolerance.assertGradientMatchesCentralDifferences(lik, ResponseAndDetectorCovariateTest.beta(l, 3), STEP, "CL g");
        }
    }

    @Test
    void gCodesTheGroupsByTreatmentContrasts() {
        CaptureHistory ch = IndividualCovariateTest.survey(DetectorType.MULTI, 31);
        ParameterLayout l = bind("D~g", ch, LikelihoodType.FULL);
        assertEquals(List.of("D", "D.gM", "g0", "sigma"), l.coefficientNames());
        assertArrayEquals(new double[] {1, 0}, l.row(RealParameter.D, new Context(0, 0, false, 0)));
        assertArrayEquals(new double[] {1, 1}, l.row(RealParameter.D, new Context(0, 0, false, 1)));
        Session s = ch.session(0);
        var sex = s.individualCovariates().get("sex").orElseThrow();
        for (int i = 0; i < s.animals(); i++) {
            assertEquals(sex.textValue(i).equals("F") ? 0 : 1, l.individualClass(0, i), "animal " + s.animalId(i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.bind(ModelSpec.of("D~g"), DetectionFunction.HN, LikelihoodType.FULL, Map.of(), ch));
        assertTrue(e.getMessage().contains("'g' needs groups"), e.getMessage());
    }

    @Test
    void regionNAddsUpTheGroups() {
        CaptureHistory ch = IndividualCovariateTest.survey(DetectorType.MULTI, 33);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        FittedModel fit = SecrFitter.with(FitOptions.defaults().withGroups("sex")).fit(ch, List.of(mask),
                ModelSpec.of("D~g", "sigma~g"));
        assertTrue(fit.diagnostics().converged(), fit.diagnostics().toString());
        double area = mask.areaHectares();
        double expected = 0;
        for (int c = 0; c < 2; c++) {
            expected += fit.real(RealParameter.D, new Context(0, 0, false, c)) * area;
        }
        RegionN rn = fit.regionN().get(0);
        Tolerance.ROUNDING.assertClose(expected, rn.expected().estimate(), "E(N) = sum of D_g x area");
        // at the MLE (Poisson) the expected number detected equals n, so the realised N is close to E(N)
        assertEquals(rn.expected().estimate(), rn.realised().estimate(), 0.05 * rn.expected().estimate());
        // D per group from predict: each group's own density; derived D is the Horvitz-Thompson sum over both
        double d = fit.derived().get(0).densityPerHectare().estimate();
        assertEquals(expected / area, d, 0.05 * d);
    }

    /** The log-likelihood with groups, without the constants, by its definition. */
    static double direct(CaptureHistory ch, HabitatMask mask, ParameterLayout l, double[] beta, DetectorType type,
            PopulationDistribution dist) {
        Session s = ch.session(0);
        DetectorArray det = s.detectors();
        int S = s.occasions();
        int n = s.animals();
        double ll = IndividualCovariateTest.animalTerms(ch, mask, l, beta, type);
        double total = mask.areaHectares();
        for (int c = 0; c < 2; c++) {
            int nc = 0;
            for (int i = 0; i < n; i++) {
                nc += l.individualClass(0, i) == c ? 1 : 0;
            }
            double d = l.real(RealParameter.D, new Context(0, 0, false, c), beta);
            double a = IndividualCovariateTest.esa(mask, det, S, l, beta, c);
            if (dist == PopulationDistribution.POISSON) {
                ll += -d * a + nc * Math.log(d);
            } else {
                double N = d * total;
                ll += org.apache.commons.math3.special.Gamma.logGamma(N + 1) - org.apache.commons.math3.special.Gamma.logGamma(N - nc + 1)
                        + (N - nc) * Math.log(1 - a / total) - nc * Math.log(total);
            }
        }
        return ll;
    }
}
