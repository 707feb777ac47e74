package org.secr4j.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;

/**
 * Design-matrix coding of each built-in variable, as secr codes it (treatment contrasts, first
 * level the baseline; names "g0.bTRUE", "g0.t2", "D.session2006", "D.Session", "g0.T").
 */
class DesignCodingTest {
    static final DetectorArray TRAPS = DetectorArray.of(DetectorType.MULTI, List.of("A", "B"), new double[] {0, 30},
            new double[] {0, 0});
    /** Sessions "2005" (3 occasions) and "2006" (4 occasions), one animal each. */
    static final CaptureHistory TWO = CaptureHistory.of(List.of(
            Session.of("2005", TRAPS, 3, List.of("x"), null, List.of(new Detection(0, 1, 0, 1)), null),
            Session.of("2006", TRAPS, 4, List.of("y"), null, List.of(new Detection(0, 0, 1, 1)), null)));

    private static ParameterLayout bind(String... f) {
        return ParameterLayout.bind(ModelSpec.of(f), DetectionFunction.HN, LikelihoodType.FULL, Map.of(), TWO);
    }

    @Test
    void learnedResponseIsAnIndicatorOfHavingBeenCaught() {
        ParameterLayout l = bind("g0~b");
        assertEquals(List.of("D", "g0", "g0.bTRUE", "sigma"), l.coefficientNames());
        assertArrayEquals(new double[] {1, 0}, l.row(RealParameter.G0, new Context(0, 2, false)));
        assertArrayEquals(new double[] {1, 1}, l.row(RealParameter.G0, new Context(0, 2, true)));
    }

    @Test
    void occasionFactorHasOneColumnPerOccasionAfterTheFirst() {
        ParameterLayout l = bind("g0~t");
        assertEquals(List.of("D", "g0", "g0.t2", "g0.t3", "g0.t4", "sigma"), l.coefficientNames());
        assertArrayEquals(new double[] {1, 0, 0, 0}, l.row(RealParameter.G0, new Context(0, 0, false)));
        assertArrayEquals(new double[] {1, 0, 1, 0}, l.row(RealParameter.G0, new Context(1, 2, true)));
    }

    @Test
    void occasionTrendIsTheZeroBasedOccasion() {
        ParameterLayout l = bind("g0~T");
        assertEquals("g0.T", l.coefficientNames().get(2));
        assertArrayEquals(new double[] {1, 3}, l.row(RealParameter.G0, new Context(1, 3, false)));
    }

    @Test
    void sessionFactorAndSessionTrend() {
        ParameterLayout f = bind("D~session");
        assertEquals(List.of("D", "D.session2006", "g0", "sigma"), f.coefficientNames());
        assertArrayEquals(new double[] {1, 1}, f.row(RealParameter.D, new Context(1, 0, false)));
        ParameterLayout t = bind("D~Session");
        assertEquals("D.Session", t.coefficientNames().get(1));
        assertArrayEquals(new double[] {1, 1}, t.row(RealParameter.D, new Context(1, 0, false)));
        assertArrayEquals(new double[] {1, 0}, t.row(RealParameter.D, new Context(0, 0, false)));
    }

    @Test
    void withoutInterceptAFactorGetsEveryLevel() {
        ParameterLayout l = bind("g0~0+session");
        assertEquals(List.of("D", "g0.session2005", "g0.session2006", "sigma"), l.coefficientNames());
    }

    @Test
    void interactionMultipliesColumns() {
        ParameterLayout l = bind("g0~b*T");
        assertEquals(List.of("D", "g0", "g0.bTRUE", "g0.T", "g0.bTRUE:T", "sigma"), l.coefficientNames());
        assertArrayEquals(new double[] {1, 1, 2, 2}, l.row(RealParameter.G0, new Context(0, 2, true)));
    }

    @Test
    void aTypoListsTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bind("g0~bb"));
        assertTrue(e.getMessage().contains("unknown variable 'bb'") && e.getMessage().contains("session, Session, t, T, b"), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> bind("D~habitat"));
        assertTrue(d.getMessage().contains("unknown variable 'habitat'") && d.getMessage().contains("session, Session"),
                d.getMessage());
    }

    @Test
    void densityCannotVaryByOccasion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bind("D~t"));
        assertTrue(e.getMessage().contains("valid for D: session, Session"), e.getMessage());
    }

    /** Four mask points at the corners of a 10 m square, with a factor 'habitat' and a numeric 'elev' (one value missing in {@link #GAPPY}). */
    static final org.secr4j.mask.HabitatMask SQUARE = org.secr4j.mask.HabitatMask.fromPoints(new double[] {0, 10, 0, 10},
            new double[] {0, 0, 10, 10}, 10, org.secr4j.covariate.CovariateTable.of(4, List.of(
                    org.secr4j.covariate.Covariate.factor("habitat", new String[] {"open", "forest", "open", "scrub"}),
                    org.secr4j.covariate.Covariate.numeric("elev", new double[] {100, 120, 140, 160}))));
    static final org.secr4j.mask.HabitatMask GAPPY = SQUARE.withCovariates(org.secr4j.covariate.CovariateTable.of(4,
            List.of(org.secr4j.covariate.Covariate.numeric("elev", new double[] {100, Double.NaN, 140, 160}))));

    private static ParameterLayout bindWithMask(org.secr4j.mask.HabitatMask mask, String... f) {
        return ParameterLayout.bind(ModelSpec.of(f), DetectionFunction.HN, LikelihoodType.FULL, Map.of(), TWO, Map.of(),
                null, List.of(mask));
    }

    @Test
    void coordinatesAreStandardisedByTheMaskMeanAndSd() {
        ParameterLayout l = bindWithMask(SQUARE, "D~x+y+x2+y2+xy");
        assertEquals(List.of("D", "D.x", "D.y", "D.x2", "D.y2", "D.xy", "g0", "sigma"), l.coefficientNames());
        assertTrue(l.densitySurface());
        // mean 5, sd (n - 1 divisor) sqrt(100/3): the point (10, 0) is at x' = 0.866..., y' = -0.866...
        double u = 5 / Math.sqrt(100.0 / 3);
        double[][] x = l.densityDesign(0, SQUARE);
        assertArrayEquals(new double[] {1, u, -u, u * u, u * u, -u * u}, x[1], 1e-15);
        assertArrayEquals(new double[] {1, -u, u, u * u, u * u, -u * u}, x[2], 1e-15);
        // predict()'s reference point: the mask centre
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, l.row(RealParameter.D, new Context(0, 0, false)));
    }

    @Test
    void maskFactorIsCodedByTreatmentContrastsAndANumericCovariateByItsValue() {
        ParameterLayout l = bindWithMask(SQUARE, "D~habitat+elev");
        assertEquals(List.of("D", "D.habitatopen", "D.habitatscrub", "D.elev", "g0", "sigma"), l.coefficientNames());
        double[][] x = l.densityDesign(1, SQUARE);
        assertArrayEquals(new double[] {1, 1, 0, 100}, x[0]);
        assertArrayEquals(new double[] {1, 0, 0, 120}, x[1]); // forest: the baseline (first level)
        assertArrayEquals(new double[] {1, 0, 1, 160}, x[3]);
        // reference: first level, numeric covariate at its mask mean
        assertArrayEquals(new double[] {1, 0, 0, 130}, l.row(RealParameter.D, new Context(0, 0, false)));
        ParameterLayout full = bindWithMask(SQUARE, "D~0+habitat");
        assertEquals(List.of("D.habitatforest", "D.habitatopen", "D.habitatscrub", "g0", "sigma"), full.coefficientNames());
        ParameterLayout mixed = bindWithMask(SQUARE, "D~session+x");
        assertArrayEquals(new double[] {1, 1, -5 / Math.sqrt(100.0 / 3)}, mixed.densityDesign(1, SQUARE)[0], 1e-15);
    }

    @Test
    void aDensityTypoListsTheMaskCovariates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bindWithMask(SQUARE, "D~habitt"));
        assertTrue(e.getMessage().contains("unknown variable 'habitt'")
                && e.getMessage().contains("session, Session, g, x, y, x2, y2, xy; mask covariates: habitat, elev"), e.getMessage());
    }

    @Test
    void detectionParametersDoNotVaryOverTheMask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bindWithMask(SQUARE, "g0~x"));
        assertTrue(e.getMessage().contains("unknown variable 'x' varies over the mask (only D may use it); valid for g0: session, Session, t, T, b, B, bk, Bk, k, K, g, h2, h3; detector covariates: none; individual covariates"),
                e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> bindWithMask(SQUARE, "sigma~elev"));
        assertTrue(c.getMessage().contains("unknown variable 'elev'"), c.getMessage());
    }

    @Test
    void aSurfaceNeedsTheMasksAndEveryValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bind("D~x"));
        assertTrue(e.getMessage().contains("bind the model with its masks"), e.getMessage());
        ParameterLayout l = bindWithMask(GAPPY, "D~elev");
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> l.densityDesign(0, GAPPY));
        assertTrue(m.getMessage().contains("session '2005', mask point 2 (x 10.0, y 0.0): covariate 'elev' is missing"),
                m.getMessage());
        ParameterLayout h = bindWithMask(SQUARE, "D~habitat");
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> h.densityDesign(0, GAPPY));
        assertTrue(n.getMessage().contains("the mask has no covariate 'habitat'"), n.getMessage());
    }

    /** Three sessions "2005", "2006", "2007" (for Dlambda with one rate per transition). */
    static final CaptureHistory THREE = CaptureHistory.of(List.of(
            Session.of("2005", TRAPS, 3, List.of("x"), null, List.of(new Detection(0, 1, 0, 1)), null),
            Session.of("2006", TRAPS, 3, List.of("y"), null, List.of(new Detection(0, 0, 1, 1)), null),
            Session.of("2007", TRAPS, 3, List.of("z"), null, List.of(new Detection(0, 0, 0, 1)), null)));

    @Test
    void dlambdaCodesLogDAsTheFirstSessionPlusTheRatesSoFar() {
        ParameterLayout c = ParameterLayout.bind(ModelSpec.of("D~1"), DetectionFunction.HN, LikelihoodType.FULL, Map.of(),
                THREE).withDlambda();
        assertTrue(c.dlambda());
        assertEquals(List.of("D", "D.lambda", "g0", "sigma"), c.coefficientNames());
        for (int s = 0; s < 3; s++) { // log D_s = log D_1 + s log(lambda): D ~ Session reparameterised
            assertArrayEquals(new double[] {1, s}, c.row(RealParameter.D, new Context(s, 0, false)));
        }
        ParameterLayout f = ParameterLayout.bind(ModelSpec.of("D~session"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), THREE).withDlambda();
        assertEquals(List.of("D", "D.lambda", "D.lambda.session2007", "g0", "sigma"), f.coefficientNames());
        assertArrayEquals(new double[] {1, 0, 0}, f.row(RealParameter.D, new Context(0, 0, false)));
        assertArrayEquals(new double[] {1, 1, 0}, f.row(RealParameter.D, new Context(1, 0, false)));
        assertArrayEquals(new double[] {1, 2, 1}, f.row(RealParameter.D, new Context(2, 0, false)));
        ParameterLayout t = ParameterLayout.bind(ModelSpec.of("D~Session"), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), THREE).withDlambda();
        assertEquals(List.of("D", "D.lambda", "D.lambda.Session", "g0", "sigma"), t.coefficientNames());
        assertArrayEquals(new double[] {1, 2, 1}, t.row(RealParameter.D, new Context(2, 0, false)));
    }

    @Test
    void dlambdaNeedsSessionsAndAnEstimatedDensity() {
        ParameterLayout one = ParameterLayout.bind(ModelSpec.of("D~1"), DetectionFunction.HN, LikelihoodType.FULL, Map.of(),
                CaptureHistory.of(TWO.session(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, one::withDlambda);
        assertTrue(e.getMessage().contains("two sessions or more but the data have 1"), e.getMessage());
        ParameterLayout cl = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.CONDITIONAL,
                Map.of(), TWO);
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, cl::withDlambda);
        assertTrue(c.getMessage().contains("Dlambda needs D estimated"), c.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> bind("D~session").withDlambda());
        assertTrue(s.getMessage().contains("three sessions or more"), s.getMessage());
    }
}
