package org.secr4j.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.secr4j.Secr;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.derived.Density;
import org.secr4j.fit.FitOptions;
import org.secr4j.io.table.CaptureCsv;
import org.secr4j.io.table.DetectorCsv;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.result.FittedModel;
import org.secr4j.result.RegionN;

/**
 * Fits the bundled leopard survey with the library API, as a researcher would from their own
 * code (the R equivalent: {@code secr.fit(ch, mask = make.mask(traps(ch), buffer = 12000,
 * spacing = 1000), detectfn = "HN")}).
 */
public final class FitAmurLeopards {
    private FitAmurLeopards() {}

    /** Reads the survey from {@code dir} and fits D~1, g0~1, sigma~1 (HN) on a 12 km buffer, 1 km mask. */
    public static FittedModel fit(Path dir) {
        DetectorArray cams = DetectorCsv.read(dir.resolve("traps.csv"), DetectorType.PROXIMITY);
        CaptureHistory ch = CaptureCsv.read(dir.resolve("captures.csv"), Map.of("LLNP-2026", cams), Map.of());
        HabitatMask mask = HabitatMask.around(cams, 12_000, 1_000);
        return Secr.fit(ch, mask, FitOptions.defaults().with(DetectionFunction.HN), "D~1", "g0~1", "sigma~1");
    }

    public static void main(String[] args) {
        FittedModel fit = fit(Path.of(args.length > 0 ? args[0] : "examples/data/amur-leopard"));
        System.out.print(fit);
        var d = fit.predict().get(org.secr4j.model.RealParameter.D);
        System.out.printf(Locale.ROOT, "density %.2f leopards per 100 km2 (95%% CI %.2f-%.2f); truth %.2f%n",
                Density.perHectare(d.estimate()).per100SquareKilometres(), Density.perHectare(d.lcl()).per100SquareKilometres(),
                Density.perHectare(d.ucl()).per100SquareKilometres(),
                Density.perHectare(AmurLeopardSurvey.DENSITY_PER_HECTARE).per100SquareKilometres());
        RegionN n = fit.regionN().get(0);
        System.out.printf(Locale.ROOT, "leopards in the %.0f km2 mask: %.1f (95%% CI %.1f-%.1f)%n",
                n.areaHectares() / Density.HECTARES_PER_KM2, n.realised().estimate(), n.realised().lcl(), n.realised().ucl());
    }
}
