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
}
