package org.secr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code secr4j trend trim --tcf} on TRIM's skylark run 1c (overdispersion and serial correlation):
 * the figures TRIM 3.61 printed in skylark-1c.out (needs ../shared).
 */
@Tag("reference")
class TrendTrimReferenceTest {
    /** Half a unit of the last decimal TRIM printed. */
    private static final double PRINTED_3 = 5e-4;
    private static final double PRINTED_4 = 5e-5;

    @Test
    void skylarkRunOneCThroughTheCommandLine() throws Exception {
        String tcf = FitCommandReferenceTest.shared().resolve("data/rtrim-skylark/skylark-1c.tcf").toString();
        FitCommandTest.Run r = FitCommandTest.run("trend", "trim", "--tcf", tcf);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(1.367, j.get("overdispersion").asDouble(), PRINTED_3);
        assertEquals(0.302, j.get("serialCorrelation").asDouble(), PRINTED_3);
        assertEquals(0.0460, j.at("/overallSlope/model/additive").asDouble(), PRINTED_4);
        assertEquals(0.0478, j.at("/overallSlope/imputed/additive").asDouble(), PRINTED_4);
        assertEquals(0.0142, j.at("/overallSlope/imputed/se").asDouble(), PRINTED_4);
        assertEquals("Moderate increase", j.at("/overallSlope/imputed/classification").asText());
        assertEquals(-85.20, j.at("/gof/aic").asDouble(), 0.005);
    }
}
