package org.secr4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.secr4j.io.table.TrackCsv;
import org.secr4j.tracks.DailyDistance;
import org.secr4j.tracks.EncounterRateVariance;
import org.secr4j.tracks.Fmp;
import org.secr4j.tracks.FmpOptions;
import org.secr4j.tracks.TrackEstimate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code secr4j tracks …}: density from winter track counts. */
@Command(name = "tracks", mixinStandardHelpOptions = true, description = "Density from track counts.",
        subcommands = {TracksCommand.FmpCommand.class})
final class TracksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (fmp)");
    }

    /** {@code secr4j tracks fmp}. */
    @Command(name = "fmp", mixinStandardHelpOptions = true,
            description = "Formozov-Malyshev-Pereleshin density from route crossings.")
    static final class FmpCommand implements Callable<Integer> {
        private static final JsonNodeFactory F = JsonNodeFactory.instance;
        @Spec
        CommandSpec spec;

        @Option(names = "--routes", required = true, description = "CSV route,length_km,crossings,days[,stratum]")
        Path routes;

        @Option(names = "--daily-distance", description = "CSV animal,distance_km (one row per trailed animal-day)")
        Path dailyDistance;

        @Option(names = "--mean-daily-distance", description = "mean daily travel distance (km), with --cv")
        Double meanDailyDistance;

        @Option(names = "--cv", defaultValue = "0", description = "CV of --mean-daily-distance (default ${DEFAULT-VALUE})")
        double cv;

        @Option(names = "--daily-distance-df", defaultValue = "Infinity",
                description = "degrees of freedom of --mean-daily-distance (default: known exactly)")
        double dailyDf;

        @Option(names = "--variance", defaultValue = "R2", description = "R2, O2 (systematic parallel routes in file "
                + "order) or bootstrap (routes resampled; R2 for the analytic figures) (default ${DEFAULT-VALUE})")
        String variance;

        @Option(names = "--area", description = "stratum area in km², STRATUM=KM2 (or KM2 for a single stratum)")
        List<String> areas;

        @Option(names = "--group-size", description = "mean group size (tracks of groups)")
        Double groupSize;

        @Option(names = "--group-size-se", defaultValue = "0", description = "SE of the mean group size")
        double groupSizeSe;

        @Option(names = "--replicates", defaultValue = "999", description = "bootstrap replicates (default ${DEFAULT-VALUE})")
        int replicates;

        @Option(names = "--seed", defaultValue = "1", description = "bootstrap seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", description = "JSON output file (default stdout)")
        Path out;

        @Override
        public Integer call() throws Exception {
            TrackCsv.Routes rs = TrackCsv.routes(routes);
            long years = java.util.Arrays.stream(rs.years()).distinct().count();
            if (years > 1) {
                throw Secr4jCommand.badInput(routes + ": the routes span " + years
                        + " years; estimate one year at a time (one file per year)");
            }
            List<double[]> trails = null;
            DailyDistance daily;
            if (dailyDistance != null) {
                if (meanDailyDistance != null) {
                    throw Secr4jCommand.badInput("give --daily-distance FILE or --mean-daily-distance KM, not both");
                }
                trails = TrackCsv.dailyDistances(dailyDistance);
                daily = DailyDistance.fromTrails(trails);
            } else if (meanDailyDistance != null) {
                daily = DailyDistance.given(meanDailyDistance, cv, dailyDf);
            } else {
                throw Secr4jCommand.badInput("give --daily-distance FILE or --mean-daily-distance KM [--cv X]");
            }
            boolean bootstrap = variance.equalsIgnoreCase("bootstrap");
            FmpOptions options = FmpOptions.defaults();
            if (!bootstrap) {
                try {
                    options = options.withVariance(EncounterRateVariance.valueOf(variance.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw Secr4jCommand.badInput("--variance " + variance + ": use R2, O2 or bootstrap");
                }
            }
            if (groupSize != null) {
                options = options.withGroupSize(new FmpOptions.GroupSize(groupSize, groupSizeSe,
                        Math.max(1, rs.routes().size() - 1)));
            }
            if (areas != null) {
                for (String a : areas) {
                    String[] kv = a.split("=", 2);
                    String stratum = kv.length == 2 ? kv[0] : rs.routes().get(0).stratum();
                    try {
                        options = options.withArea(stratum, Double.parseDouble(kv[kv.length - 1]));
                    } catch (NumberFormatException e) {
                        throw Secr4jCommand.badInput("--area " + a + ": not a number of km²");
                    }
                }
            }
            Fmp.Result r = Fmp.estimate(rs.routes(), daily, options);
            ObjectNode o = F.objectNode();
            ObjectNode density = o.putObject("density");
            density.set("perKm2", estimate(r.density()));
            density.set("per100Km2", estimate(r.density().per100Km2()));
            if (r.abundance() != null) {
                o.set("abundance", estimate(r.abundance()));
            }
            ObjectNode er = o.putObject("encounterRate");
            double effort = rs.routes().stream().mapToDouble(x -> x.effortKmDays()).sum();
            double crossings = rs.routes().stream().mapToDouble(x -> x.crossings()).sum();
            er.put("estimate", crossings / effort);
            er.put("unit", "crossings per km per day");
            if (r.strata().size() == 1) {
                er.put("se", r.strata().get(0).encounterRateSe());
            }
            er.put("varianceEstimator", r.varianceEstimator().name());
            ObjectNode dd = o.putObject("dailyDistance");
            dd.put("mean", daily.meanKm());
            dd.put("se", daily.se());
            JsonOut.put(dd, "df", daily.df());
            dd.put("source", trails != null ? "trails (" + trails.size() + " animals)" : "given");
            ObjectNode zmu = o.putObject("zmu");
            zmu.put("index", r.zmuIndex());
            zmu.put("unit", "crossings per 10 km per day");
            zmu.put("conversionFactor", r.zmuConversionFactor());
            if (bootstrap) {
                Fmp.Bootstrap b = Fmp.bootstrap(rs.routes(), trails, daily, options, replicates,
                        new SplittableRandom(seed));
                ObjectNode bn = o.putObject("bootstrap");
                bn.put("replicates", b.replicates());
                bn.put("seed", seed);
                bn.put("se", b.se());
                bn.put("lcl", b.lcl());
                bn.put("ucl", b.ucl());
            }
            ArrayNode strata = o.putArray("strata");
            for (Fmp.StratumRow s : r.strata()) {
                ObjectNode n = strata.addObject();
                n.put("stratum", s.stratum());
                n.put("routes", s.routes());
                n.put("lengthKm", s.lengthKm());
                n.put("crossings", s.crossings());
                n.put("encounterRate", s.encounterRate());
                n.put("encounterRateSe", s.encounterRateSe());
                n.set("densityPerKm2", estimate(s.density()));
                JsonOut.put(n, "areaKm2", s.areaKm2());
                if (s.abundance() != null) {
                    n.set("abundance", estimate(s.abundance()));
                }
            }
            ArrayNode routeRows = o.putArray("routes");
            for (Fmp.RouteRow row : r.routes()) {
                ObjectNode n = routeRows.addObject();
                n.put("route", row.id());
                n.put("stratum", row.stratum());
                n.put("lengthKm", row.lengthKm());
                n.put("crossings", row.crossings());
                n.put("days", row.trackDays());
                JsonOut.put(n, "zmuIndex", row.zmuIndex());
                JsonOut.put(n, "densityPerKm2", row.densityPerKm2());
            }
            JsonOut.write(o, out, spec.commandLine());
            return 0;
        }

        private static ObjectNode estimate(TrackEstimate e) {
            ObjectNode n = F.objectNode();
            n.put("estimate", e.estimate());
            n.put("se", e.se());
            JsonOut.put(n, "cv", e.cv());
            JsonOut.put(n, "df", e.df());
            JsonOut.put(n, "lcl", e.lcl());
            JsonOut.put(n, "ucl", e.ucl());
            return n;
        }
    }

}
