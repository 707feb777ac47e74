package org.secr4j.benchmarks.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the gate picks its baseline: the processor's own line where the file has one, else the lenient fallback. */
class RegressionGateTest {
    @Test
    void processorModelsBecomeLowerCaseKeysJoinedByDashes() {
        assertEquals("amd-epyc", RegressionGate.modelKey("AMD EPYC"));
        assertEquals("intel-r-xeon-r-cpu-2-80ghz", RegressionGate.modelKey("Intel(R) Xeon(R) CPU @ 2.80GHz"));
    }

    @Test
    void aProcessorWithItsOwnLineTakesItAndAnyOtherTakesTheFallback() {
        Properties p = new Properties();
        p.setProperty("ratio", "1.48");
        p.setProperty("ratio.amd-epyc", "0.72");
        assertEquals("ratio.amd-epyc", RegressionGate.baselineKey(p, "AMD EPYC"));
        assertEquals("ratio", RegressionGate.baselineKey(p, "Intel(R) Xeon(R) CPU @ 2.80GHz"));
    }

    /** The stored file: a fallback, and no processor's own baseline above it (the fallback is the most lenient). */
    @Test
    void theStoredFallbackIsAtLeastEveryProcessorsOwnBaseline() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("gate-baseline.properties"))) {
            p.load(in);
        }
        double fallback = Double.parseDouble(p.getProperty("ratio"));
        assertTrue(fallback > 0, "fallback ratio " + fallback);
        for (String k : p.stringPropertyNames()) {
            double own = Double.parseDouble(p.getProperty(k));
            assertTrue(own > 0 && own <= fallback, k + " = " + own + " against the fallback " + fallback);
        }
    }
}
