package org.secr4j.likelihood;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;

/** The analytic gradient against central differences of the log-likelihood itself. */
class LikelihoodGradientTest {
    private static final double STEP = 1e-5;

    /** Every detector type (with each binomN for counts) × detection function × likelihood. */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Object[][] detectors = {{DetectorType.MULTI, 0}, {DetectorType.PROXIMITY, 0}, {DetectorType.COUNT, 0},
            {DetectorType.COUNT, 1}, {DetectorType.COUNT, 3}};
        for (Object[] d : detectors) {
            for (DetectionFunction fn : DetectionFunction.values()) {
                out.add(Arguments.of(d[0], d[1], fn, LikelihoodType.FULL, PopulationDistribution.POISSON));
            }
            out.add(Arguments.of(d[0], d[1], DetectionFunction.HN, LikelihoodType.CONDITIONAL, PopulationDistribution.POISSON));
            out.add(Arguments.of(d[0], d[1], DetectionFunction.HHR, LikelihoodType.FULL, PopulationDistribution.BINOMIAL));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} binomN={1} {2} {3} {4}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(DetectorType type, int binomN, DetectionFunction fn,
            LikelihoodType lt, PopulationDistribution dist) {
        CaptureHistory ch = TestSurveys.history(type, fn, binomN, 17);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), fn, lt);
        LikelihoodOptions o = LikelihoodOptions.defaults().with(lt).with(dist).withBinomN(binomN);
        double[] beta = new double[layout.size()];
        // off the MLE so that the gradient is far from zero
        TestSurveys.setIntercepts(layout, beta);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, o)) {
            Tolerance.assertGradientMatchesCentralDifferences(l, beta, STEP, type + " " + fn);
        }
    }
}
