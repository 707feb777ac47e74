package org.secr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code secr4j trend trim --tcf} on TRIM's skylark runs 1c (overdispersion and serial correlation)
 * and 4f (stepwise changepoints, weights): the figures TRIM 3.61 printed in their .out files (needs
 * ../shared).
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

    /** Run 4f (weights, STEPWISE on in the command file): the selection and the selected model's slopes. */
    @Test
    void skylarkRunFourFStepwiseThroughTheCommandLine() throws Exception {
        String tcf = FitCommandReferenceTest.shared().resolve("data/rtrim-skylark/skylark-4f.tcf").toString();
        FitCommandTest.Run r = FitCommandTest.run("trend", "trim", "--tcf", tcf);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("[1,2]", j.at("/stepwise/changepoints").toString());
        assertEquals("[1,2]", j.get("changepoints").toString());
        int[] deleted = {5, 7, 6, 4, 3};
        double[] p = {0.9735, 0.8511, 0.5817, 0.2462, 0.6041};
        for (int k = 0; k < deleted.length; k++) {
            JsonNode step = j.at("/stepwise/steps/" + k);
            assertEquals("deleted", step.get("action").asText());
            assertEquals(deleted[k], step.get("changepoint").asInt());
            assertEquals(p[k], step.get("p").asDouble(), PRINTED_4);
        }
        assertEquals(5, j.at("/stepwise/steps").size());
        assertEquals(1.334, j.get("overdispersion").asDouble(), PRINTED_3);
        assertEquals(0.0000, j.at("/overallSlope/modelThroughBase/additive").asDouble(), PRINTED_4);
        assertEquals(0.0177, j.at("/overallSlope/modelThroughBase/se").asDouble(), PRINTED_4);
        assertEquals(-0.0209, j.at("/overallSlope/imputedThroughBase/additive").asDouble(), PRINTED_4);
        assertEquals(0.0186, j.at("/overallSlope/imputedThroughBase/se").asDouble(), PRINTED_4);
    }
}
