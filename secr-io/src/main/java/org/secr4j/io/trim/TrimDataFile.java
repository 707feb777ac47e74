package org.secr4j.io.trim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.secr4j.io.DataFileException;
import org.secr4j.trim.TrimData;

/**
 * Reads a TRIM data file: one record per line, whitespace-separated columns {@code site time count
 * [weight] covariate...}. Times are either 1…NTIMES or calendar years (then the NTIMES distinct
 * values present, in order). A count equal to the missing code is missing; a site–time absent from
 * the file is missing too. Every error names the file, line and column.
 */
public final class TrimDataFile {
    private TrimDataFile() {}

    /** The layout of a TRIM data file, as a command file declares it. */
    public record Layout(int times, List<String> covariateLabels, double missingCode, boolean weightPresent) {
        public Layout {
            covariateLabels = List.copyOf(covariateLabels);
        }
    }

    /** The data read, with the weights column if there was one (NaN for absent records). */
    public record Contents(TrimData data, double[][] weights) {}

    /**
     * Reads and validates the file.
     *
     * @throws DataFileException for a wrong number of columns, a non-numeric value, a negative count,
     *     a duplicate site–time record, a time outside 1…NTIMES (or more distinct years than NTIMES),
     *     or a site with only missing counts
     */
    public static Contents read(Path file, Layout layout) throws IOException {
        String name = file.toString();
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        int expected = 3 + (layout.weightPresent() ? 1 : 0) + layout.covariateLabels().size();
        List<double[]> records = new ArrayList<>();
        List<String> siteOfRecord = new ArrayList<>();
        List<Integer> lineOfRecord = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] tok = line.split("\\s+");
            if (tok.length != expected) {
                throw new DataFileException(name, ln + 1, 0, String.format(java.util.Locale.ROOT,
                        "expected %d columns (site time count%s%s) but found %d", expected,
                        layout.weightPresent() ? " weight" : "",
                        layout.covariateLabels().isEmpty() ? "" : " " + String.join(" ", layout.covariateLabels()),
                        tok.length));
            }
            double[] rec = new double[expected];
            for (int c = 1; c < expected; c++) {
                try {
                    rec[c] = Double.parseDouble(tok[c]);
                } catch (NumberFormatException e) {
                    throw new DataFileException(name, ln + 1, c + 1, "not a number: '" + tok[c] + "'", e);
                }
            }
            siteOfRecord.add(tok[0]);
            lineOfRecord.add(ln + 1);
            records.add(rec);
        }
        return build(name, layout, records, siteOfRecord, lineOfRecord);
    }

    /**
     * Reads a CSV file with header {@code site,time,count[,covariates…]} (Tablesaw); a blank count or
     * one equal to {@code missingCode} is missing; every column after {@code count} is a categorical
     * covariate; the number of time points is the number of distinct times.
     */
    public static Contents readCsv(Path file, double missingCode) {
        org.secr4j.io.table.CsvTable t = org.secr4j.io.table.CsvTable.read(file);
        int site = t.requireColumn("site");
        int time = t.requireColumn("time");
        int count = t.requireColumn("count");
        List<String> covs = new ArrayList<>(t.header().subList(count + 1, t.header().size()));
        List<double[]> records = new ArrayList<>();
        List<String> siteOfRecord = new ArrayList<>();
        List<Integer> lineOfRecord = new ArrayList<>();
        TreeSet<Integer> times = new TreeSet<>();
        for (int r = 0; r < t.rows(); r++) {
            double[] rec = new double[3 + covs.size()];
            rec[1] = t.integer(r, time);
            times.add((int) rec[1]);
            rec[2] = t.text(r, count).isEmpty() ? missingCode : t.number(r, count);
            for (int c = 0; c < covs.size(); c++) {
                rec[3 + c] = t.integer(r, count + 1 + c);
            }
            records.add(rec);
            siteOfRecord.add(t.text(r, site));
            lineOfRecord.add(t.line(r));
        }
        Layout layout = new Layout(times.size(), covs, missingCode, false);
        return build(t.file(), layout, records, siteOfRecord, lineOfRecord);
    }

    private static Contents build(String name, Layout layout, List<double[]> records, List<String> siteOfRecord,
            List<Integer> lineOfRecord) {
        if (records.isEmpty()) {
            throw new DataFileException(name, 0, 0, "no records");
        }
        TreeSet<Integer> timeValues = new TreeSet<>();
        for (int r = 0; r < records.size(); r++) {
            double t = records.get(r)[1];
            if (t != Math.rint(t)) {
                throw new DataFileException(name, lineOfRecord.get(r), 2, "time must be a whole number but was " + t);
            }
            timeValues.add((int) t);
        }
        int[] labels;
        boolean indexTimes = timeValues.first() >= 1 && timeValues.last() <= layout.times();
        if (indexTimes) {
            labels = new int[layout.times()];
            for (int j = 0; j < labels.length; j++) {
                labels[j] = j + 1;
            }
        } else {
            if (timeValues.size() != layout.times()) {
                throw new DataFileException(name, 0, 2, "NTIMES is " + layout.times() + " but the file has "
                        + timeValues.size() + " distinct times " + timeValues);
            }
            labels = timeValues.stream().mapToInt(Integer::intValue).toArray();
        }
        Map<String, Integer> siteIndex = new LinkedHashMap<>();
        for (String s : siteOfRecord) {
            siteIndex.putIfAbsent(s, siteIndex.size());
        }
        int sites = siteIndex.size();
        double[][] counts = new double[sites][labels.length];
        double[][] weights = new double[sites][labels.length];
        int ncov = layout.covariateLabels().size();
        int[][][] cov = new int[ncov][sites][labels.length];
        int[][] lineOf = new int[sites][labels.length];
        for (double[] row : counts) {
            Arrays.fill(row, Double.NaN);
        }
        for (double[] row : weights) {
            Arrays.fill(row, Double.NaN);
        }
        for (int r = 0; r < records.size(); r++) {
            double[] rec = records.get(r);
            int line = lineOfRecord.get(r);
            int i = siteIndex.get(siteOfRecord.get(r));
            int j = Arrays.binarySearch(labels, (int) rec[1]);
            if (j < 0) {
                throw new DataFileException(name, line, 2, "time " + (int) rec[1] + " is outside 1.." + layout.times());
            }
            if (lineOf[i][j] != 0) {
                throw new DataFileException(name, line, 2, "site " + siteOfRecord.get(r) + ", time " + (int) rec[1]
                        + " already given on line " + lineOf[i][j]);
            }
            lineOf[i][j] = line;
            double f = rec[2];
            if (f != layout.missingCode()) {
                if (f < 0) {
                    throw new DataFileException(name, line, 3, "count must be >= 0 (or the missing code "
                            + fmt(layout.missingCode()) + ") but was " + fmt(f));
                }
                counts[i][j] = f;
            }
            int c0 = 3;
            if (layout.weightPresent()) {
                weights[i][j] = rec[3];
                c0 = 4;
            }
            for (int c = 0; c < ncov; c++) {
                double v = rec[c0 + c];
                if (v != Math.rint(v) || v < 1) {
                    throw new DataFileException(name, line, c0 + c + 1, "covariate " + layout.covariateLabels().get(c)
                            + " must be a category code >= 1 but was " + fmt(v));
                }
                cov[c][i][j] = (int) v;
            }
        }
        List<String> siteIds = new ArrayList<>(siteIndex.keySet());
        for (int i = 0; i < sites; i++) {
            boolean any = false;
            int first = Integer.MAX_VALUE;
            for (int j = 0; j < labels.length; j++) {
                any |= !Double.isNaN(counts[i][j]);
                if (lineOf[i][j] > 0) {
                    first = Math.min(first, lineOf[i][j]);
                }
            }
            if (!any) {
                throw new DataFileException(name, first, 3, "site " + siteIds.get(i)
                        + " has only missing counts; TRIM cannot estimate its site parameter (remove the site)");
            }
            for (int c = 0; c < ncov; c++) {
                // a record absent from the file carries the site's first category forward
                int last = 0;
                for (int j = 0; j < labels.length; j++) {
                    if (lineOf[i][j] > 0) {
                        last = cov[c][i][j];
                        break;
                    }
                }
                for (int j = 0; j < labels.length; j++) {
                    if (lineOf[i][j] > 0) {
                        last = cov[c][i][j];
                    } else {
                        cov[c][i][j] = last;
                    }
                }
            }
        }
        TrimData data = TrimData.of(siteIds, labels, counts);
        for (int c = 0; c < ncov; c++) {
            data = data.withCovariate(layout.covariateLabels().get(c), cov[c]);
        }
        return new Contents(data, layout.weightPresent() ? weights : null);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
