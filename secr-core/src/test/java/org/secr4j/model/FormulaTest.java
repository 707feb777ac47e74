package org.secr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormulaTest {
    @Test
    void interceptOnlyFormulaIsConstant() {
        Formula f = Formula.parse("g0 ~ 1");
        assertEquals("g0", f.response());
        assertTrue(f.isConstant());
    }

    @Test
    void starExpandsToMainEffectsAndInteraction() {
        Formula f = Formula.parse("sigma ~ sex * t");
        assertEquals(List.of(Set.of("sex"), Set.of("t"), Set.of("sex", "t")), f.terms());
        assertEquals("~sex + t + sex:t", f.rhs());
    }

    @Test
    void zeroOrMinusOneDropsTheIntercept() {
        assertFalse(Formula.parse("~ 0 + session").hasIntercept());
        assertFalse(Formula.parse("~ session - 1").hasIntercept());
    }

    @Test
    void parseErrorPointsAtTheTokenAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formula.parse("g0 ~ b + + t"));
        assertTrue(e.getMessage().contains("column 10"), e.getMessage());
        assertTrue(e.getMessage().contains("found '+'"), e.getMessage());
        assertTrue(e.getMessage().contains("         ^"), e.getMessage());
    }

    @Test
    void missingTildeIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formula.parse("g0 b"));
        assertTrue(e.getMessage().contains("expected '~'"), e.getMessage());
    }

    @Test
    void modelSpecRejectsUnknownParameterListingValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("gee ~ 1"));
        assertTrue(e.getMessage().contains("lambda0"), e.getMessage());
    }

    @Test
    void modelSpecDefaultsUnnamedParametersToConstant() {
        ModelSpec s = ModelSpec.of("D~1");
        assertTrue(s.formula(RealParameter.SIGMA).isConstant());
    }
}
