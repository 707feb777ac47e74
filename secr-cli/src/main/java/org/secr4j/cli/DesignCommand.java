package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.mask.HabitatMask;
import org.secr4j.simulate.BufferCheck;
import org.secr4j.simulate.ExpectedCounts;
import org.secr4j.simulate.TrendPower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code secr4j design}: expected counts, RSE rule of thumb, buffer check and trend power of a design. */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = "Expected numbers of animals, recaptures and movements for a survey design (Efford & "
                + "Boulanger 2019), the rule-of-thumb RSE(D), the mask-buffer bias check and the power to "
                + "detect a yearly change in density.")
final class DesignCommand implements Callable<Integer> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Spec
    CommandSpec spec;

    @Mixin
    DesignOptions design;

    @Option(names = "--cf", defaultValue = "1", description = "correction factor of the RSE rule of thumb (default ${DEFAULT-VALUE})")
    double cf;

    @Mixin
    PowerOptions power;

    @Option(names = "--out", description = "JSON output file (default stdout)")
    Path out;

    @Override
    public Integer call() throws Exception {
        design.check();
        DetectorArray det = design.detectors();
        HabitatMask mask = design.mask(det);
        ExpectedCounts e = design.expected(det, mask);
        ObjectNode o = F.objectNode();
        o.put("detectors", det.size());
        o.put("detector", det.type().secrName());
        o.put("occasions", design.occasions);
        o.put("densityPerHectare", design.density);
        o.put("maskPoints", mask.size());
        ObjectNode ex = o.putObject("expected");
        ex.put("n", e.animals());
        ex.put("r", e.recaptures());
        if (Double.isNaN(e.movements())) {
            ex.putNull("m");
        } else {
            ex.put("m", e.movements());
        }
        ex.put("esaHectares", e.esaHectares());
        o.put("rseApproximation", e.rseApproximation(cf));
        o.put("spacingOverSigma", e.spacingOverSigma());
        double sigmaMax = design.sigmaMale == null ? design.sigma : Math.max(design.sigma, design.sigmaMale);
        ObjectNode buf = o.putObject("buffer");
        buf.put("suggestedMetres", BufferCheck.suggestBuffer(det, design.occasions, design.detectionFunction(),
                design.intercept, sigmaMax, design.z, BufferCheck.DEFAULT_TARGET));
        buf.put("target", BufferCheck.DEFAULT_TARGET);
        if (design.buffer != null) {
            buf.put("metres", design.buffer);
            buf.put("relativeBias", BufferCheck.relativeBias(det, design.occasions, design.detectionFunction(),
                    design.intercept, sigmaMax, design.z, design.buffer));
        }
        if (power.lambda != null) {
            TrendPower.Result p = TrendPower.approximate(e.rseApproximation(cf), power.lambda, power.years, power.alpha);
            ObjectNode pw = power.json(o);
            pw.put("approximate", p.power());
            pw.put("slopeSe", p.slopeSe());
        }
        JsonOut.write(o, out, spec.commandLine());
        return 0;
    }
}
