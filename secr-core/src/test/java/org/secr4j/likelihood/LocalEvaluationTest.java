package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
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
 * Local evaluation (detector–mask pairs with \( a f(d) < 10^{-12} \) skipped) against the dense,
 * exact likelihood, on a survey wide enough (14 × 14 detectors 20 m apart, σ = 10 m) that most
 * pairs are skipped.
 */
class LocalEvaluationTest {
    /** Absolute logLik difference allowed between local and dense evaluation (the skipped terms are below 1e-12 each). */
    private static final double LOCAL_VS_DENSE = 1e-7;
    private static final double STEP = 1e-5;

    static DetectorArray detectors(DetectorType type) {
        return CaptureSimulator.grid(type, 14, 14, 20, 0, 0);
    }

    static HabitatMask mask(DetectorArray det) {
        return HabitatMask.around(det, 50, 5);
    }

    static CaptureHistory history(DetectorType type, DetectionFunction fn, long seed) {
        DetectorArray det = detectors(type);
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.poisson(mask(det), 6, r);
        double a = fn.isHazard() ? 0.3 : 0.25;
        Session s = CaptureSimulator.of(fn, a, 10, 4, 0).simulate("1", pop, det, 5, r);
        return CaptureHistory.of(s);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DetectorType t : List.of(DetectorType.MULTI, DetectorType.PROXIMITY, DetectorType.COUNT)) {
            for (DetectionFunction fn : List.of(DetectionFunction.HN, DetectionFunction.EX, DetectionFunction.HHN,
                    DetectionFunction.HR)) {
                out.add(Arguments.of(t, fn));
            }
        }
        return out.stream();
    }

    static double[] beta(ParameterLayout layout) {
        double[] b = new double[layout.size()];
        TestSurveys.setIntercepts(layout, b);
        b[layout.indexOf(org.secr4j.model.RealParameter.SIGMA)] = Math.log(11);
        return b;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void localEvaluationMatchesDenseAndItsGradientMatchesDifferences(DetectorType type, DetectionFunction fn) {
        CaptureHistory ch = history(type, fn, 31);
        HabitatMask mask = mask(ch.session(0).detectors());
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), fn, LikelihoodType.FULL);
        double[] beta = beta(layout);
        LikelihoodOptions dense = LikelihoodOptions.defaults();
        try (SecrLikelihood d = SecrLikelihood.of(ch, List.of(mask), layout, dense);
                SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, dense.withLocalEvaluation(true));
                SecrLikelihood l2 = SecrLikelihood.of(ch, List.of(mask), layout,
                        dense.withLocalEvaluation(true).withThreads(2))) {
            double[] gd = new double[beta.length];
            double[] gl = new double[beta.length];
            double[] gl2 = new double[beta.length];
            double vd = d.valueAndGradient(beta, gd);
            double vl = l.valueAndGradient(beta, gl);
            assertEquals(vd, vl, LOCAL_VS_DENSE, type + " " + fn + " logLik");
            for (int j = 0; j < beta.length; j++) {
                assertEquals(gd[j], gl[j], LOCAL_VS_DENSE, type + " " + fn + " gradient " + j);
            }
            Tolerance.assertGradientMatchesCentralDifferences(l, beta, STEP, "local " + type + " " + fn);
            assertEquals(vl, l2.valueAndGradient(beta, gl2), 0.0, "1 and 2 threads");
            assertEquals(java.util.Arrays.toString(gl), java.util.Arrays.toString(gl2));
        }
    }

    @Test
    void localEvaluationCoversLearnedResponseMixturesAndUsage() {
        DetectorArray det = detectors(DetectorType.PROXIMITY);
        double[][] u = new double[det.size()][5];
        for (int k = 0; k < det.size(); k++) {
            for (int s = 0; s < 5; s++) {
                u[k][s] = (k + s) % 4 == 0 ? 0 : 1 + (k % 2);
            }
        }
        CaptureHistory ch = history(DetectorType.PROXIMITY, DetectionFunction.HN, 7);
        SplittableRandom r = new SplittableRandom(8);
        CaptureHistory withUsage = CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.25, 10, 0, 0)
                .simulate("1", Population.poisson(mask(det), 6, r), det.withUsage(u), 5, r));
        HabitatMask mask = mask(det);
        for (CaptureHistory h : List.of(ch, withUsage)) {
            for (ModelSpec spec : List.of(ModelSpec.of("g0~b"), ModelSpec.of("g0~h2", "sigma~h2"), ModelSpec.of("g0~t"))) {
                ParameterLayout layout = ParameterLayout.bind(spec, DetectionFunction.HN, LikelihoodType.FULL, java.util.Map.of(), h);
                double[] beta = beta(layout);
                try (SecrLikelihood d = SecrLikelihood.of(h, List.of(mask), layout, LikelihoodOptions.defaults());
                        SecrLikelihood l = SecrLikelihood.of(h, List.of(mask), layout,
                                LikelihoodOptions.defaults().withLocalEvaluation(true))) {
                    double vd = d.value(beta);
                    double vl = l.value(beta);
                    assertTrue(Double.isFinite(vl), spec + ": " + vl);
                    assertEquals(vd, vl, LOCAL_VS_DENSE, spec.toString());
                    Tolerance.assertGradientMatchesCentralDifferences(l, beta, STEP, "local " + spec);
                }
            }
        }
    }
}
