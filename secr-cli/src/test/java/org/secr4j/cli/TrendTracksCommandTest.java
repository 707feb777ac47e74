package org.secr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secr4j trend trim} and {@code secr4j tracks fmp}: JSON contract and bad input. */
class TrendTracksCommandTest {
    private static final double EXACT = 1e-10;

    @TempDir
    Path dir;

    @Test
    void trimOnACompleteCsvTableGivesObservedTotalsAndIndices() throws Exception {
        Path counts = dir.resolve("counts.csv");
        Files.writeString(counts, "site,time,count\n"
                + "a,2001,10\na,2002,12\na,2003,15\n"
                + "b,2001,4\nb,2002,6\nb,2003,5\n"
                + "c,2001,20\nc,2002,18\nc,2003,25\n");
        FitCommandTest.Run r = FitCommandTest.run("trend", "trim", "--counts", counts.toString(), "--model", "3");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(34, j.at("/totals/0/imputed/estimate").asDouble(), EXACT);
        assertEquals(36, j.at("/totals/1/model/estimate").asDouble(), 1e-8);
        assertEquals(2003, j.at("/totals/2/time").asInt());
        assertEquals(45.0 / 34, j.at("/indices/2/model/estimate").asDouble(), 1e-8);
        assertEquals(9 - 3 - 2, j.at("/gof/df").asInt());
        assertTrue(j.at("/overallSlope/imputed/classification").isTextual());
        assertTrue(j.has("overdispersion") && j.has("serialCorrelation"));
    }

    @Test
    void trimStepwiseNeedsModelTwo() throws Exception {
        Path counts = dir.resolve("counts.csv");
        Files.writeString(counts, "site,time,count\na,1,10\na,2,12\na,3,15\nb,1,4\nb,2,6\nb,3,5\n");
        FitCommandTest.Run r = FitCommandTest.run("trend", "trim", "--counts", counts.toString(), "--model", "3",
                "--stepwise");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--stepwise selects the changepoints of model 2, but the model is 3"), r.err());
    }

    @Test
    void trimRefusesASiteWithOnlyMissingCounts() throws Exception {
        Path counts = dir.resolve("bad.dat");
        Files.writeString(counts, "1 1 5\n1 2 7\n2 1 999\n2 2 999\n");
        FitCommandTest.Run r = FitCommandTest.run("trend", "trim", "--counts", counts.toString(), "--ntimes", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.dat line 3") && r.err().contains("site 2 has only missing counts"), r.err());
    }

    @Test
    void fmpWritesDensityEncounterRateAndDailyDistance() throws Exception {
        Path routes = dir.resolve("routes.csv");
        Files.writeString(routes, "route,length_km,crossings,days\nr1,10,4,2\nr2,20,10,2\nr3,30,12,2\n");
        Path trails = dir.resolve("trails.csv");
        Files.writeString(trails, "animal,distance_km\nm1,4\nm1,6\nf2,8\nf3,3\nf3,5\nf3,7\n");
        FitCommandTest.Run r = FitCommandTest.run("tracks", "fmp", "--routes", routes.toString(), "--daily-distance",
                trails.toString(), "--area", "500");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        // d = 33 km / 6 animal-days = 5.5; D = (pi/2) (26/120) / 5.5
        assertEquals(5.5, j.at("/dailyDistance/mean").asDouble(), EXACT);
        double d = Math.PI / 2 * 26 / 120 / 5.5;
        assertEquals(d, j.at("/density/perKm2/estimate").asDouble(), EXACT);
        assertEquals(100 * d, j.at("/density/per100Km2/estimate").asDouble(), 1e-9);
        assertEquals(500 * d, j.at("/abundance/estimate").asDouble(), 1e-9);
        assertEquals(0.01734722, j.at("/encounterRate/se").asDouble(), 1e-6);
        assertEquals("R2", j.at("/encounterRate/varianceEstimator").asText());
        assertEquals(3, j.at("/routes").size());
    }

    @Test
    void fmpNamesTheRouteWithCrossingsOnZeroLength() throws Exception {
        Path routes = dir.resolve("routes.csv");
        Files.writeString(routes, "route,length_km,crossings,days\nr1,10,4,2\nr2,0,3,2\n");
        FitCommandTest.Run r = FitCommandTest.run("tracks", "fmp", "--routes", routes.toString(),
                "--mean-daily-distance", "5", "--cv", "0.1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("routes.csv line 3") && r.err().contains("route r2: 3.0 crossings on a route of "
                + "length 0 km"), r.err());
    }

    @Test
    void fmpBootstrapIsReproducible() throws Exception {
        Path routes = dir.resolve("routes.csv");
        Files.writeString(routes, "route,length_km,crossings,days\nr1,10,4,2\nr2,20,10,2\nr3,30,12,2\nr4,15,2,2\n");
        String[] args = {"tracks", "fmp", "--routes", routes.toString(), "--mean-daily-distance", "5", "--cv", "0.1",
            "--variance", "bootstrap", "--replicates", "200", "--seed", "9"};
        FitCommandTest.Run a = FitCommandTest.run(args);
        FitCommandTest.Run b = FitCommandTest.run(args);
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.json().get("bootstrap"), b.json().get("bootstrap"));
    }
}
