package org.secr4j;

import java.util.List;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.FittedModel;

/**
 * The one-line entry point, mirroring secr's {@code secr.fit(capthist, mask, model, detectfn)}:
 * <pre>{@code
 * FittedModel fit = Secr.fit(history, mask, FitOptions.defaults(), "D~1", "g0~1", "sigma~1");
 * }</pre>
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class Secr {
    private Secr() {}

    /** Fits formulas such as {@code "g0~1"} to one mask shared by all sessions. */
    public static FittedModel fit(CaptureHistory history, HabitatMask mask, FitOptions options, String... formulas) {
        return SecrFitter.with(options).fit(history, List.of(mask), ModelSpec.of(formulas));
    }

    /** Fits {@code spec} with one mask per session (or one for all). */
    public static FittedModel fit(CaptureHistory history, List<HabitatMask> masks, FitOptions options, ModelSpec spec) {
        return SecrFitter.with(options).fit(history, masks, spec);
    }
}
