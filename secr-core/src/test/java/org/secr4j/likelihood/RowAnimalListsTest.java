package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secr4j.Tolerance;
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

/**
 * The simple model's per-row animal lists ({@code SessionKernel.prepareRowAnimals}) must hold, at every
 * mask point, every animal the exact tests keep there: within its reach and, under local evaluation,
 * with its anchor detector within the radius (in its row's run). An animal missing from a list would
 * drop its terms at that point.
 */
class RowAnimalListsTest {
    /** Likelihoods of one mask in two point orders: sums in another order, nothing else. */
    private static final Tolerance ORDER = Tolerance.relative("mask point order", 1e-12);
    /** Gradient components, on an absolute scale of 1 (components near 0 at this beta). */
    private static final Tolerance ORDER_GRADIENT = new Tolerance("mask point order, gradient", 1e-10, 1.0);

    @ParameterizedTest(name = "{0} local {1}")
    @CsvSource({"PROXIMITY, false", "PROXIMITY, true", "MULTI, false", "MULTI, true", "COUNT, true"})
    void everyAnimalTheExactTestsKeepIsInItsRowsList(DetectorType type, boolean local) {
        DetectorArray det = CaptureSimulator.grid(type, 12, 10, 20, 0, 0);
        SplittableRandom r = new SplittableRandom(8);
        HabitatMask mask = HabitatMask.around(det, 60, 5);
        Population pop = Population.poisson(mask, 5, r);
        CaptureHistory ch = CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.2, 12, 0, 0)
                .simulate("1", pop, det, 5, r));
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        LikelihoodOptions o = LikelihoodOptions.defaults().withLocalEvaluation(local);
        try (SecrLikelihood lik = SecrLikelihood.of(ch, List.of(mask), layout, o)) {
            lik.value(new double[] {Math.log(5), -1.4, Math.log(12)});
            SessionKernel k = lik.kernel(0);
            SessionKernel.Prepared prep = lik.prepared(0);
            assertTrue(k.simple && k.rowLists, "the fused kernel with row lists runs this model");
            assertEquals(local, prep.local, "local evaluation in force");
            int kept = 0;
            for (int m = 0; m < k.nMask; m++) {
                int row = k.rowOf[m];
                for (int i = 0; i < k.nAnimals; i++) {
                    if (!keeps(k, prep, m, i)) {
                        continue;
                    }
                    kept++;
                    boolean listed = false;
                    for (int j = prep.rowAnimalStart[row]; j < prep.rowAnimalStart[row + 1]; j++) {
                        listed |= prep.rowAnimals[j] == i && prep.rowAnimalXLo[j] < k.mx[m] && k.mx[m] < prep.rowAnimalXHi[j];
                    }
                    assertTrue(listed, "animal " + i + " kept at mask point " + m + " but not in row " + row
                            + "'s list with an x-interval around it");
                }
            }
            assertTrue(kept > k.nAnimals, "the exact tests keep some animals (" + kept + ")");
            for (int row = 0; row < k.rowY.length; row++) {
                for (int j = prep.rowAnimalStart[row] + 1; j < prep.rowAnimalStart[row + 1]; j++) {
                    assertTrue(prep.rowAnimals[j - 1] < prep.rowAnimals[j], "row " + row
                            + " lists its animals once each, in ascending order");
                }
            }
            int listedPairs = prep.rowAnimalStart[k.rowY.length];
            assertTrue(listedPairs < k.rowY.length * k.nAnimals, "the lists leave animals out of some rows: "
                    + listedPairs + " of " + k.rowY.length * k.nAnimals);
        }
    }

    /**
     * The sweep along rows assumes nothing of the points' order: a mask listed backwards (x decreasing,
     * so the sweep starts again at every point) gives the likelihood and gradient of the same mask in
     * secr's order, up to the order of the per-animal sums.
     */
    @ParameterizedTest(name = "local {0}")
    @CsvSource({"false", "true"})
    void aMaskInAnyPointOrderGivesTheSameLikelihood(boolean local) {
        DetectorArray det = CaptureSimulator.grid(DetectorType.PROXIMITY, 12, 10, 20, 0, 0);
        SplittableRandom r = new SplittableRandom(9);
        HabitatMask mask = HabitatMask.around(det, 60, 5);
        Population pop = Population.poisson(mask, 5, r);
        CaptureHistory ch = CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.2, 12, 0, 0)
                .simulate("1", pop, det, 5, r));
        int n = mask.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int m = 0; m < n; m++) {
            x[m] = mask.x(n - 1 - m);
            y[m] = mask.y(n - 1 - m);
        }
        HabitatMask backwards = HabitatMask.fromPoints(x, y, mask.spacingMetres(), null);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        LikelihoodOptions o = LikelihoodOptions.defaults().withLocalEvaluation(local);
        double[] beta = {Math.log(5), -1.4, Math.log(12)};
        try (SecrLikelihood a = SecrLikelihood.of(ch, List.of(mask), layout, o);
                SecrLikelihood b = SecrLikelihood.of(ch, List.of(backwards), layout, o)) {
            assertTrue(a.kernel(0).rowLists && b.kernel(0).rowLists, "row lists in force");
            double[] ga = new double[3];
            double[] gb = new double[3];
            double va = a.valueAndGradient(beta, ga);
            double vb = b.valueAndGradient(beta, gb);
            ORDER.assertClose(va, vb, "log-likelihood");
            for (int j = 0; j < 3; j++) {
                ORDER_GRADIENT.assertClose(ga[j], gb[j], "gradient component " + j);
            }
        }
    }

    /** The exact tests of the per-animal pass: the reach circle, and (local) the anchor within the radius box. */
    private static boolean keeps(SessionKernel k, SessionKernel.Prepared prep, int m, int i) {
        double dx = k.mx[m] - k.reachX[i];
        double dy = k.my[m] - k.reachY[i];
        if (!(dx * dx + dy * dy < prep.reach2[i])) {
            return false;
        }
        int a = k.anchorOf[i];
        return !prep.local || a < 0
                || Math.abs(k.kx[a] - k.mx[m]) <= prep.radius && Math.abs(k.ky[a] - k.my[m]) <= prep.radius;
    }
}
