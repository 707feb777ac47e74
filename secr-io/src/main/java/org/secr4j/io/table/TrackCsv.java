package org.secr4j.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.secr4j.tracks.Route;

/**
 * Track-count CSV files: routes ({@code route,length_km,crossings,days[,stratum][,year]}) and
 * trailed daily distances ({@code animal,distance_km}, one row per animal-day). Errors name file,
 * line and column.
 */
public final class TrackCsv {
    private TrackCsv() {}

    /** Routes with the year of each (0 where the file has no year column). */
    public record Routes(List<Route> routes, int[] years) {}

    /** Reads routes; a route's invalid values are reported with its file position. */
    public static Routes routes(Path file) {
        CsvTable t = CsvTable.read(file);
        int id = t.requireColumn("route");
        int len = t.requireColumn("length_km");
        int x = t.requireColumn("crossings");
        int days = t.requireColumn("days");
        OptionalInt stratum = t.column("stratum");
        OptionalInt year = t.column("year");
        List<Route> out = new ArrayList<>();
        int[] years = new int[t.rows()];
        for (int r = 0; r < t.rows(); r++) {
            String s = stratum.isPresent() ? t.text(r, stratum.getAsInt()) : "all";
            years[r] = year.isPresent() ? t.integer(r, year.getAsInt()) : 0;
            double lengthKm = t.number(r, len);
            double crossings = t.number(r, x);
            double trackDays = t.number(r, days);
            try {
                out.add(new Route(t.text(r, id), s, lengthKm, crossings, trackDays));
            } catch (IllegalArgumentException e) {
                throw t.error(r, -1, e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new org.secr4j.io.DataFileException(t.file(), 0, 0, "no routes");
        }
        return new Routes(out, years);
    }

    /** Daily distances per trailed animal, in order of first appearance. */
    public static List<double[]> dailyDistances(Path file) {
        CsvTable t = CsvTable.read(file);
        int animal = t.requireColumn("animal");
        int km = t.requireColumn("distance_km");
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (int r = 0; r < t.rows(); r++) {
            double d = t.number(r, km);
            if (d < 0) {
                throw t.error(r, km, "distance_km must be >= 0 but was " + t.text(r, km));
            }
            by.computeIfAbsent(t.text(r, animal), a -> new ArrayList<>()).add(d);
        }
        List<double[]> out = new ArrayList<>();
        for (List<Double> v : by.values()) {
            out.add(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }
}
