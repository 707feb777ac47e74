package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.secr4j.Tolerance;

/**
 * The g-type unit hazard \( h = -\log(1 - v) \) and its log ({@link SessionKernel#gHazard},
 * {@link SessionKernel#logHazard}) and the ratios {@link SessionKernel#gRatio}, {@link SessionKernel#hazardRatio}
 * against their closed forms through {@code log1p}, which is accurate to an ulp where v is small (where
 * \( -\log(1 - v) \) loses up to \( \epsilon/v \) to the rounding of \( 1 - v \)): v from 1e-9 to 0.9, through both
 * series ranges ({@link SessionKernel#SERIES_V}, {@link SessionKernel#LONG_SERIES_V}) and the logs above them.
 */
class HazardSeriesTest {
    /** A few ulps: the series and log1p each round to within about one. */
    private static final Tolerance TO_ROUNDING = Tolerance.relative("hazard series vs log1p", 4e-16);
    /** Above {@link SessionKernel#LONG_SERIES_V} the hazard is \( -\log(1 - v) \), within \( \epsilon/v \) = 1.1e-14. */
    private static final Tolerance ABOVE_THE_SERIES = Tolerance.relative("-log(1 - v) vs log1p", 1.2e-14);

    @Test
    void hazardItsLogAndTheirRatiosMatchTheClosedFormsAcrossTheSeriesRanges() {
        int inLong = 0;
        for (double lv = -9; lv <= Math.log10(0.9); lv += 0.002) {
            double v = Math.pow(10, lv);
            double h = -Math.log1p(-v);
            double r = v / (1 - v);
            String at = "v=" + v;
            Tolerance t = v < SessionKernel.LONG_SERIES_V ? TO_ROUNDING : ABOVE_THE_SERIES;
            double gh = SessionKernel.gHazard(v);
            t.assertClose(h, gh, at + " hazard");
            t.assertClose(Math.log(h), SessionKernel.logHazard(v, Math.log(v), gh), at + " log hazard");
            ABOVE_THE_SERIES.assertClose(r, SessionKernel.gRatio(v), at + " ratio");
            ABOVE_THE_SERIES.assertClose(r / h, SessionKernel.hazardRatio(v, SessionKernel.gRatio(v), gh),
                    at + " dlog h/dlog v");
            inLong += v >= SessionKernel.SERIES_V && v < SessionKernel.LONG_SERIES_V ? 1 : 0;
        }
        assertTrue(inLong > 900, "points in the long series' range: " + inLong);
    }
}
