package org.secr4j.likelihood;

import java.util.List;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/** Run by {@link VectorKernelTest} in a JVM without the incubator module: prints which kernel it got. */
final class PlainJdkProbe {
    private PlainJdkProbe() {
    }

    public static void main(String[] args) {
        DetectorArray det = CaptureSimulator.grid(DetectorType.PROXIMITY, 5, 5, 20, 0, 0);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        HabitatMask mask = HabitatMask.around(det, 50, 5);
        CaptureHistory ch = CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.3, 15, 0, 0)
                .simulate("1", Population.poisson(mask, 5, r), det, 5, r));
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, LikelihoodOptions.defaults())) {
            double v = l.value(new double[] {Math.log(5), -0.8, Math.log(15)});
            System.out.println("logLik=" + v + " available=" + LikelihoodOptions.vectorKernelAvailable() + " kernels=" + l.kernels());
        }
    }
}
