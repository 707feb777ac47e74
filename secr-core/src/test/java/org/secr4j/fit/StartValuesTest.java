package org.secr4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link StartValues#bestCandidate}: the climb over the intercept grid keeps the candidate the whole grid's
 * scan keeps (the first largest, NaN below every number) whenever it returns without scanning, and it
 * evaluates fewer candidates where the log-likelihood over the grid has one peak.
 */
class StartValuesTest {
    private static final int GRID = 7;
    private static final int FIRST = 3;

    /** The scan the climb replaces: the first candidate strictly above all before it. */
    private static int scan(double[] ll) {
        int best = 0;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < ll.length; j++) {
            if (ll[j] > bestLl) {
                bestLl = ll[j];
                best = j;
            }
        }
        return best;
    }

    /** Counts the distinct candidates evaluated. */
    private static final class Counting implements IntToDoubleFunction {
        final double[] ll;
        final BitSet seen = new BitSet();

        Counting(double[] ll) {
            this.ll = ll;
        }

        @Override
        public double applyAsDouble(int k) {
            seen.set(k);
            return ll[k];
        }
    }

    @Property
    void aSinglePeakIsFoundWithoutTheWholeGrid(@ForAll @IntRange(min = 0, max = GRID - 1) int peak,
            @ForAll @Size(GRID) List<@DoubleRange(min = 0.01, max = 50) Double> drops) {
        // rises strictly to the peak and falls strictly after it
        double[] ll = new double[GRID];
        ll[peak] = -100;
        for (int j = peak - 1; j >= 0; j--) {
            ll[j] = ll[j + 1] - drops.get(j);
        }
        for (int j = peak + 1; j < GRID; j++) {
            ll[j] = ll[j - 1] - drops.get(j);
        }
        Counting f = new Counting(ll);
        assertEquals(peak, StartValues.bestCandidate(f, GRID, FIRST));
        // the candidates from the start to the peak, the one past it, and the start's upper neighbour
        int lo = peak > FIRST ? FIRST : Math.max(peak - 1, 0);
        int hi = peak > FIRST ? Math.min(peak + 1, GRID - 1) : FIRST + 1;
        assertEquals(hi - lo + 1, f.seen.cardinality(), () -> f.seen + " evaluated for a peak at " + peak);
        assertTrue(f.seen.cardinality() < GRID || peak == 0 || peak == GRID - 1);
    }

    @Property
    void anyGridGivesTheScansCandidateOrAStrictLocalPeak(
            @ForAll @Size(GRID) List<@DoubleRange(min = -5, max = 5) Double> values,
            @ForAll @IntRange(min = 0, max = 3) int nanAt, @ForAll boolean withNan) {
        double[] ll = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            ll[j] = Math.rint(values.get(j)); // integers, so that ties occur
        }
        if (withNan) {
            ll[nanAt * 2] = Double.NaN;
        }
        int k = StartValues.bestCandidate(new Counting(ll), GRID, FIRST);
        int s = scan(ll);
        if (k != s) {
            // only a strict local peak that the climb reached can differ from the scan
            assertTrue(Double.isFinite(ll[k]), "climb ended on a non-finite value");
            assertTrue(k == 0 || ll[k - 1] < ll[k], () -> "left neighbour not below at " + k);
            assertTrue(k == GRID - 1 || ll[k + 1] < ll[k], () -> "right neighbour not below at " + k);
        }
    }

    @Test
    void aNonFiniteStartScansTheWholeGrid() {
        double[] ll = {-9, -3, -8, Double.NaN, -7, -6, -5};
        Counting f = new Counting(ll);
        assertEquals(1, StartValues.bestCandidate(f, GRID, FIRST));
        assertEquals(GRID, f.seen.cardinality());
    }

    @Test
    void aTieWithANeighbourScansTheWholeGridAndKeepsTheFirst() {
        double[] ll = {-9, -8, -7, -2, -2, -6, -5};
        Counting f = new Counting(ll);
        assertEquals(3, StartValues.bestCandidate(f, GRID, FIRST));
        assertEquals(GRID, f.seen.cardinality());
        double[] down = {-9, -2, -2, -3, -4, -6, -5};
        assertEquals(1, StartValues.bestCandidate(new Counting(down), GRID, FIRST));
    }

    @Test
    void aPeakAtTheGridsEndStopsThere() {
        double[] rising = {-9, -8, -7, -6, -5, -4, -3};
        Counting f = new Counting(rising);
        assertEquals(6, StartValues.bestCandidate(f, GRID, FIRST));
        assertEquals(4, f.seen.cardinality());
        double[] falling = {-3, -4, -5, -6, -7, -8, -9};
        Counting g = new Counting(falling);
        assertEquals(0, StartValues.bestCandidate(g, GRID, FIRST));
        assertEquals(5, g.seen.cardinality());
    }

    @Test
    void theStartValuesMaskIsThinnedToAboutSixHundredPointsButNoWiderThanSigma() {
        int side = 100; // a 100 x 100 grid of spacing 1 m
        double[] x = new double[side * side];
        double[] y = new double[side * side];
        for (int m = 0; m < x.length; m++) {
            x[m] = m % side;
            y[m] = m / side;
        }
        org.secr4j.mask.HabitatMask mask = org.secr4j.mask.HabitatMask.fromPoints(x, y, 1.0, null);
        // by size: every 5th row and column (ceil(sqrt(10000 / 600)) = 5), 20 x 20 points at 5 m
        org.secr4j.mask.HabitatMask bySize = StartValues.thinned(mask, 100);
        assertEquals(400, bySize.size());
        assertEquals(5.0, bySize.spacingMetres());
        // by sigma: 2.5 m allows every 2nd only, 50 x 50 points at 2 m
        org.secr4j.mask.HabitatMask bySigma = StartValues.thinned(mask, 2.5);
        assertEquals(2500, bySigma.size());
        assertEquals(2.0, bySigma.spacingMetres());
        assertEquals(mask, StartValues.thinned(mask, 1.5), "sigma below twice the spacing: not thinned");
    }

    @Test
    void theClimbOnTheCoarseStagesLikelihoodGivesTheStartOfItsOwnConditionalLikelihood() {
        java.util.List<Object[]> cases = java.util.List.of(
                new Object[] {org.secr4j.TestSurveys.history(org.secr4j.detector.DetectorType.MULTI,
                    org.secr4j.model.DetectionFunction.HN, 0, 8), "D~1", org.secr4j.model.LikelihoodType.FULL},
                new Object[] {org.secr4j.TestSurveys.history(org.secr4j.detector.DetectorType.PROXIMITY,
                    org.secr4j.model.DetectionFunction.EX, 0, 8), "D~1", org.secr4j.model.LikelihoodType.FULL},
                new Object[] {org.secr4j.TestSurveys.history(org.secr4j.detector.DetectorType.PROXIMITY,
                    org.secr4j.model.DetectionFunction.HN, 0, 8), "g0~1", org.secr4j.model.LikelihoodType.CONDITIONAL},
                new Object[] {org.secr4j.TestSurveys.threeYears(), "D~Session", org.secr4j.model.LikelihoodType.FULL},
                // a detection model other than the climb's: the climb builds its own conditional likelihood
                new Object[] {org.secr4j.TestSurveys.history(org.secr4j.detector.DetectorType.MULTI,
                    org.secr4j.model.DetectionFunction.HN, 0, 8), "g0~b", org.secr4j.model.LikelihoodType.FULL});
        for (Object[] c : cases) {
            org.secr4j.capture.CaptureHistory ch = (org.secr4j.capture.CaptureHistory) c[0];
            org.secr4j.model.LikelihoodType type = (org.secr4j.model.LikelihoodType) c[2];
            org.secr4j.model.DetectionFunction fn = c[1].equals("D~1") && cases.indexOf(c) == 1
                    ? org.secr4j.model.DetectionFunction.EX : org.secr4j.model.DetectionFunction.HN;
            java.util.List<org.secr4j.mask.HabitatMask> masks = java.util.List.of(
                    org.secr4j.mask.HabitatMask.around(ch.session(0).detectors(), 60, 4));
            java.util.function.Function<java.util.List<org.secr4j.mask.HabitatMask>, org.secr4j.design.ParameterLayout> bind =
                    ms -> org.secr4j.design.ParameterLayout.bind(org.secr4j.model.ModelSpec.of((String) c[1]), fn, type,
                            java.util.Map.of(), ch, java.util.Map.of(), null, ms);
            org.secr4j.design.ParameterLayout layout = bind.apply(masks);
            org.secr4j.likelihood.LikelihoodOptions o = org.secr4j.likelihood.LikelihoodOptions.defaults().with(type);
            double[] own = StartValues.compute(ch, masks, layout, o);
            try (CoarseFit.Stage stage = CoarseFit.prepare(ch, masks, bind, layout.coefficientNames(), o)) {
                assertTrue(stage != null && stage.likelihood() != null, c[1] + ": the masks are thinned");
                assertEquals(!c[1].equals("g0~b"), StartValues.climbsOn(stage.likelihood(), StartValues.climbLayout(layout)),
                        c[1] + ": whether the climb runs on the stage's likelihood");
                double[] shared = StartValues.compute(ch, masks, layout, o, stage);
                // the same candidate; D's start from the same esa, computed by another kernel (to rounding)
                org.junit.jupiter.api.Assertions.assertArrayEquals(own, shared, 1e-12, c[1] + " " + type);
            }
        }
    }
}
