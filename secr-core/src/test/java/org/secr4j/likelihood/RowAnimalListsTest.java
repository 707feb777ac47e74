package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
                        listed |= prep.rowAnimals[j] == i;
                    }
                    assertTrue(listed, "animal " + i + " kept at mask point " + m + " but not in row " + row + "'s list");
                }
            }
            assertTrue(kept > k.nAnimals, "the exact tests keep some animals (" + kept + ")");
            int listedPairs = prep.rowAnimalStart[k.rowY.length];
            assertTrue(listedPairs < k.rowY.length * k.nAnimals, "the lists leave animals out of some rows: "
                    + listedPairs + " of " + k.rowY.length * k.nAnimals);
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
