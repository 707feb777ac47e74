package org.secr4j.io.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.detector.DetectorArray;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Writes detectors and captures in the CSV layout that {@link DetectorCsv} and {@link CaptureCsv}
 * read (numbers written with Java's shortest round-trip form, so reading back is exact).
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class CsvWriters {
    private CsvWriters() {}

    /** {@code detectorID,x,y[,usage_occ1..S][,covariates]}. */
    public static void writeDetectors(DetectorArray d, Path path) {
        Table t = Table.create("detectors");
        int k = d.size();
        StringColumn id = StringColumn.create("detectorID");
        StringColumn x = StringColumn.create("x");
        StringColumn y = StringColumn.create("y");
        for (int i = 0; i < k; i++) {
            id.append(d.id(i));
            x.append(number(d.x(i)));
            y.append(number(d.y(i)));
        }
        t.addColumns(id, x, y);
        if (d.hasUsage()) {
            for (int s = 0; s < d.usageOccasions().getAsInt(); s++) {
                StringColumn u = StringColumn.create("usage_occ" + (s + 1));
                for (int i = 0; i < k; i++) {
                    u.append(number(d.usage(i, s)));
                }
                t.addColumns(u);
            }
        }
        for (Covariate c : d.covariates().columns()) {
            StringColumn col = StringColumn.create(c.name());
            for (int i = 0; i < k; i++) {
                String v = c.textValue(i);
                col.append(v == null ? "NA" : v);
            }
            t.addColumns(col);
        }
        write(t, path);
    }

    /** One row per detection (count detectors: one row per unit of count); removals as {@code alive = FALSE}. */
    public static void writeCaptures(CaptureHistory h, Path path) {
        StringColumn session = StringColumn.create("session");
        StringColumn animal = StringColumn.create("animalID");
        StringColumn occasion = StringColumn.create("occasion");
        StringColumn detector = StringColumn.create("detectorID");
        StringColumn alive = StringColumn.create("alive");
        for (Session s : h.sessions()) {
            for (Detection d : s.detections()) {
                for (int c = 0; c < d.count(); c++) {
                    session.append(s.id());
                    animal.append(s.animalId(d.animal()));
                    occasion.append(Integer.toString(d.occasion() + 1));
                    detector.append(s.detectors().id(d.detector()));
                    alive.append(s.removedOn(d.animal()) == d.occasion() ? "FALSE" : "TRUE");
                }
            }
        }
        write(Table.create("captures", session, animal, occasion, detector, alive), path);
    }

    /**
     * The fitted density surface of every session (secr's {@code predictDsurface}):
     * {@code session,x,y,D,se,lcl,ucl}, one row per mask point, D in animals per hectare.
     */
    public static void writeDensitySurface(org.secr4j.result.FittedModel fit, Path path) {
        StringColumn session = StringColumn.create("session");
        StringColumn x = StringColumn.create("x");
        StringColumn y = StringColumn.create("y");
        StringColumn d = StringColumn.create("D");
        StringColumn se = StringColumn.create("se");
        StringColumn lcl = StringColumn.create("lcl");
        StringColumn ucl = StringColumn.create("ucl");
        for (int s = 0; s < fit.captureHistory().sessionCount(); s++) {
            var mask = fit.mask(s);
            var surface = fit.densitySurface(s);
            for (int m = 0; m < surface.size(); m++) {
                var e = surface.get(m);
                session.append(fit.captureHistory().session(s).id());
                x.append(number(mask.x(m)));
                y.append(number(mask.y(m)));
                d.append(number(e.estimate()));
                se.append(number(e.se()));
                lcl.append(number(e.lcl()));
                ucl.append(number(e.ucl()));
            }
        }
        write(Table.create("surface", session, x, y, d, se, lcl, ucl), path);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void write(Table t, Path path) {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            t.write().csv(CsvWriteOptions.builder(w).header(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
