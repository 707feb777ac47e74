package org.secr4j.tracks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.secr4j.util.Checks;

/**
 * The Formozov–Malyshev–Pereleshin estimator of density from track crossings (Formozov 1932;
 * Malyshev &amp; Pereleshin; Stephens et al. 2006, J. Wildl. Manage. 70:1747):
 * \[ \hat D_h = \frac{\pi}{2}\,\frac{\sum_k x_k}{\bar d \sum_k l_k t_k}\;\bar g \]
 * animals per km² in stratum \(h\), with \(x_k\) crossings on route \(k\) of length \(l_k\) km
 * accumulated over \(t_k\) days, mean daily travel distance \(\bar d\) (shared by the strata) and
 * mean group size \(\bar g\) (1 for single animals).
 *
 * <p>\( \mathrm{CV}^2(\hat D_h) = \mathrm{CV}^2(\text{encounter rate}) + \mathrm{CV}^2(\bar d)
 * + \mathrm{CV}^2(\bar g) \) with the encounter-rate variance of {@link EncounterRateVariance} on
 * effort \(l_k t_k\). With stratum areas \(A_h\): \( \hat N = \sum_h A_h \hat D_h \), and because
 * \(\bar d\) and \(\bar g\) are shared, \( \mathrm{var}(\hat N) = \sum_h A_h^2 \mathrm{var}_{ER}(\hat D_h)
 * + \hat N^2 (\mathrm{CV}^2(\bar d) + \mathrm{CV}^2(\bar g)) \); the overall density is
 * \( \hat N / \sum_h A_h \). Degrees of freedom by Satterthwaite; log-normal intervals.
 *
 * <p>The ZMU index (Russian winter route census) is crossings per 10 km per day,
 * \( I = 10 \sum x / \sum l t \), and \( \hat D = c\,I \) with conversion factor
 * \( c = \pi \bar g / (20 \bar d) \).
 */
public final class Fmp {
    private Fmp() {}

    /** One route's row: its ZMU index and its own density estimate. */
    public record RouteRow(String id, String stratum, double lengthKm, double crossings, double trackDays,
            double zmuIndex, double densityPerKm2) {}

    /** One stratum: routes, effort, crossings, encounter rate (per km·day) with SE, density and abundance. */
    public record StratumRow(String stratum, int routes, double lengthKm, double crossings, double encounterRate,
            double encounterRateSe, TrackEstimate density, double areaKm2, TrackEstimate abundance) {}

    /** The whole estimate. */
    public record Result(List<RouteRow> routes, List<StratumRow> strata, TrackEstimate density,
            TrackEstimate abundance, double zmuIndex, double zmuConversionFactor, DailyDistance dailyDistance,
            EncounterRateVariance varianceEstimator) {}

    /**
     * Estimates density (and abundance where areas are given).
     *
     * @throws IllegalArgumentException without routes, with several strata but no areas, with an
     *     area for a stratum that has no routes, or with a stratum of fewer than two routes
     */
    public static Result estimate(List<Route> routes, DailyDistance daily, FmpOptions options) {
        Checks.require(!routes.isEmpty(), "FMP needs at least one route");
        Map<String, List<Route>> byStratum = new LinkedHashMap<>();
        for (Route r : routes) {
            byStratum.computeIfAbsent(r.stratum(), s -> new ArrayList<>()).add(r);
        }
        Map<String, Double> areas = options.areasKm2();
        for (String s : areas.keySet()) {
            Checks.require(byStratum.containsKey(s), "stratum %s has an area but no routes; strata with routes: %s", s,
                    byStratum.keySet());
        }
        if (byStratum.size() > 1 || !areas.isEmpty()) {
            for (String s : byStratum.keySet()) {
                Checks.require(areas.containsKey(s), "stratum %s has routes but no area; give every stratum's area "
                        + "(strata: %s)", s, byStratum.keySet());
            }
        }
        FmpOptions.GroupSize g = options.groupSize();
        double gMean = g == null ? 1 : g.mean();
        double cvG = g == null ? 0 : g.se() / g.mean();
        double dfG = g == null ? 1 : g.df();
        double cvD = daily.cv();
        double factor = Math.PI / 2 * gMean / daily.meanKm();

        List<RouteRow> rows = new ArrayList<>();
        for (Route r : routes) {
            double e = r.effortKmDays();
            rows.add(new RouteRow(r.id(), r.stratum(), r.lengthKm(), r.crossings(), r.trackDays(),
                    e == 0 ? Double.NaN : 10 * r.crossings() / e, e == 0 ? Double.NaN : factor * r.crossings() / e));
        }
        List<StratumRow> strata = new ArrayList<>();
        double abundance = 0;
        double varErN = 0;
        double varErNOverDf = 0;
        double totalArea = 0;
        double x = 0;
        double effortAll = 0;
        for (Map.Entry<String, List<Route>> e : byStratum.entrySet()) {
            List<Route> rs = e.getValue();
            Checks.require(rs.size() >= 2, "stratum %s has %d route; the encounter-rate variance needs at least 2",
                    e.getKey(), rs.size());
            double[] effort = rs.stream().mapToDouble(Route::effortKmDays).toArray();
            double[] counts = rs.stream().mapToDouble(Route::crossings).toArray();
            double sumE = 0;
            double sumX = 0;
            for (int k = 0; k < effort.length; k++) {
                sumE += effort[k];
                sumX += counts[k];
            }
            Checks.require(sumE > 0, "stratum %s has no route effort (all lengths 0)", e.getKey());
            x += sumX;
            effortAll += sumE;
            double er = sumX / sumE;
            double erSe = Math.sqrt(options.variance().variance(effort, counts));
            double d = factor * er;
            double cvEr = er > 0 ? erSe / er : 0;
            double dfEr = rs.size() - 1.0;
            double cv = Math.sqrt(cvEr * cvEr + cvD * cvD + cvG * cvG);
            double df = TrackEstimate.satterthwaite(new double[] {cvEr, cvD, cvG}, new double[] {dfEr, daily.df(), dfG});
            TrackEstimate density = TrackEstimate.of(d, cv, df);
            double area = areas.getOrDefault(e.getKey(), Double.NaN);
            TrackEstimate n = Double.isNaN(area) ? null : TrackEstimate.of(d * area, cv, df);
            strata.add(new StratumRow(e.getKey(), rs.size(), rs.stream().mapToDouble(Route::lengthKm).sum(), sumX, er,
                    erSe, density, area, n));
            if (!Double.isNaN(area)) {
                abundance += d * area;
                double v = Math.pow(d * area * cvEr, 2);
                varErN += v;
                varErNOverDf += v * v / dfEr;
                totalArea += area;
            }
        }
        double zmu = 10 * x / effortAll;
        double conversion = Math.PI * gMean / (20 * daily.meanKm());
        if (areas.isEmpty()) {
            StratumRow only = strata.get(0);
            return new Result(rows, strata, only.density(), null, zmu, conversion, daily, options.variance());
        }
        double varShared = abundance * abundance * (cvD * cvD + cvG * cvG);
        double var = varErN + varShared;
        double denom = varErNOverDf + Math.pow(abundance * abundance * cvD * cvD, 2) / daily.df()
                + Math.pow(abundance * abundance * cvG * cvG, 2) / dfG;
        double df = denom == 0 ? Double.POSITIVE_INFINITY : var * var / denom;
        double cv = abundance > 0 ? Math.sqrt(var) / abundance : 0;
        TrackEstimate n = TrackEstimate.of(abundance, cv, df);
        TrackEstimate d = TrackEstimate.of(abundance / totalArea, cv, df);
        return new Result(rows, strata, d, n, zmu, conversion, daily, options.variance());
    }

    /**
     * Estimates per year; every year listed must have routes.
     *
     * @throws IllegalArgumentException naming a year without routes
     */
    public static Map<Integer, Result> estimateByYear(Map<Integer, List<Route>> routesByYear, DailyDistance daily,
            FmpOptions options) {
        Map<Integer, Result> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Route>> e : routesByYear.entrySet()) {
            Checks.require(!e.getValue().isEmpty(), "year %d has no routes", e.getKey());
            out.put(e.getKey(), estimate(e.getValue(), daily, options));
        }
        return out;
    }

    /** A route bootstrap: SE and percentile 95% interval of the overall density. */
    public record Bootstrap(int replicates, double se, double lcl, double ucl) {}

    /**
     * Resamples routes with replacement within strata (and trailed animals when given) and
     * re-estimates the overall density; with a daily distance given instead of trails, its CV is
     * added to the bootstrap CV in quadrature.
     *
     * @param trails daily distances per trailed animal, or null to use {@code daily} as fixed with its CV
     */
    public static Bootstrap bootstrap(List<Route> routes, List<double[]> trails, DailyDistance daily,
            FmpOptions options, int replicates, RandomGenerator random) {
        Checks.require(replicates >= 20, "at least 20 bootstrap replicates, got %d", replicates);
        Map<String, List<Route>> byStratum = new LinkedHashMap<>();
        for (Route r : routes) {
            byStratum.computeIfAbsent(r.stratum(), s -> new ArrayList<>()).add(r);
        }
        // group size and daily distance enter each replicate as fixed values; their CVs are added below
        FmpOptions fixedGroup = options.groupSize() == null ? options
                : options.withGroupSize(new FmpOptions.GroupSize(options.groupSize().mean(), 0, 1));
        double[] est = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            List<Route> resampled = new ArrayList<>();
            for (List<Route> rs : byStratum.values()) {
                for (int k = 0; k < rs.size(); k++) {
                    resampled.add(rs.get(random.nextInt(rs.size())));
                }
            }
            double dailyMean = trails != null ? DailyDistance.resampledMean(trails, random) : daily.meanKm();
            est[b] = estimate(resampled, new DailyDistance(dailyMean, 0, 1), fixedGroup).density().estimate();
        }
        double mean = 0;
        for (double e : est) {
            mean += e;
        }
        mean /= replicates;
        double ss = 0;
        for (double e : est) {
            ss += (e - mean) * (e - mean);
        }
        double cvBoot = Math.sqrt(ss / (replicates - 1)) / mean;
        double extra = trails == null ? daily.cv() * daily.cv() : 0;
        if (options.groupSize() != null) {
            extra += Math.pow(options.groupSize().se() / options.groupSize().mean(), 2);
        }
        java.util.Arrays.sort(est);
        double point = estimate(routes, daily, options).density().estimate();
        double cv = Math.sqrt(cvBoot * cvBoot + extra);
        double lo = est[(int) Math.floor(0.025 * (replicates - 1))];
        double hi = est[(int) Math.ceil(0.975 * (replicates - 1))];
        if (extra > 0) {
            // widen the percentile interval for the components held fixed in the resampling
            double widen = Math.exp(1.959963984540054 * (Math.sqrt(Math.log(1 + cv * cv))
                    - Math.sqrt(Math.log(1 + cvBoot * cvBoot))));
            lo /= widen;
            hi *= widen;
        }
        return new Bootstrap(replicates, point * cv, lo, hi);
    }
}
