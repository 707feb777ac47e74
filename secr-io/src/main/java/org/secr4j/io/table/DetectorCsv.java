package org.secr4j.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.DataFileException;

/**
 * Reads detectors from the CSV layout of secr4j's reference data: {@code detectorID,x,y}, then
 * optional {@code usage_occ1..usage_occS}, then optional covariate columns (a {@code cov_} prefix
 * is dropped from their names).
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class DetectorCsv {
    private static final String USAGE_PREFIX = "usage_occ";
    private static final String COVARIATE_PREFIX = "cov_";

    private DetectorCsv() {}

    /**
     * Reads {@code path} as detectors of {@code type}. Search detectors (polygons, transects) have one
     * row per vertex: {@code detectorID,vertex,x,y}, the rows of a detector together and its vertices
     * numbered 1, 2, ... in order; usage and covariates are read from each detector's first row.
     */
    public static DetectorArray read(Path path, DetectorType type) {
        CsvTable t = CsvTable.read(path);
        int cid = t.requireColumn("detectorID");
        int cx = t.requireColumn("x");
        int cy = t.requireColumn("y");
        if (t.rows() == 0) {
            throw new DataFileException(t.file(), 0, 0, "no detectors");
        }
        int cv = t.column("vertex").orElse(-1);
        if (type.isSearch() && cv < 0) {
            throw new DataFileException(t.file(), 1, 0, type.secrName()
                    + " detectors need a 'vertex' column: one row per vertex (detectorID,vertex,x,y)");
        }
        if (!type.isSearch() && cv >= 0) {
            throw new DataFileException(t.file(), 1, cv + 1, "a 'vertex' column describes polygon or transect detectors, but the type is "
                    + type.secrName());
        }
        List<Integer> usageCols = new ArrayList<>();
        List<Integer> covCols = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            String h = t.header().get(c);
            if (c == cid || c == cx || c == cy || c == cv) {
                continue;
            }
            if (h.startsWith(USAGE_PREFIX)) {
                String expected = USAGE_PREFIX + (usageCols.size() + 1);
                if (!h.equals(expected)) {
                    throw new DataFileException(t.file(), 1, c + 1, "usage column '" + h + "' out of order; expected '"
                            + expected + "'");
                }
                usageCols.add(c);
            } else {
                covCols.add(c);
            }
        }
        if (type.isSearch()) {
            return readSearch(t, type, cid, cv, cx, cy, usageCols, covCols);
        }
        int k = t.rows();
        List<String> ids = new ArrayList<>();
        double[] x = new double[k];
        double[] y = new double[k];
        for (int r = 0; r < k; r++) {
            String id = t.text(r, cid);
            if (id.isEmpty()) {
                throw t.error(r, cid, "blank detector ID");
            }
            int previous = ids.indexOf(id);
            if (previous >= 0) {
                throw t.error(r, cid, "duplicate detector ID '" + id + "' (also on line " + t.line(previous) + ")");
            }
            ids.add(id);
            x[r] = t.number(r, cx);
            y[r] = t.number(r, cy);
        }
        return withAttributes(t, DetectorArray.of(type, ids, x, y), java.util.stream.IntStream.range(0, k).toArray(),
                usageCols, covCols);
    }

    /** {@code d} with the usage and covariates read from {@code rows[k]} for detector k. */
    private static DetectorArray withAttributes(CsvTable t, DetectorArray d, int[] rows, List<Integer> usageCols,
            List<Integer> covCols) {
        int k = rows.length;
        double[][] usage = usageCols.isEmpty() ? null : new double[k][usageCols.size()];
        for (int i = 0; i < k && usage != null; i++) {
            for (int j = 0; j < usageCols.size(); j++) {
                double u = t.number(rows[i], usageCols.get(j));
                if (u < 0) {
                    throw t.error(rows[i], usageCols.get(j), "usage must be >= 0 but was " + u);
                }
                usage[i][j] = u;
            }
        }
        List<Covariate> covs = new ArrayList<>();
        for (int c : covCols) {
            String[] v = new String[k];
            for (int i = 0; i < k; i++) {
                v[i] = t.text(rows[i], c);
            }
            String h = t.header().get(c);
            covs.add(Covariate.parse(h.startsWith(COVARIATE_PREFIX) ? h.substring(COVARIATE_PREFIX.length()) : h, v));
        }
        DetectorArray out = d.withCovariates(CovariateTable.of(k, covs));
        return usage == null ? out : out.withUsage(usage);
    }

    private static DetectorArray readSearch(CsvTable t, DetectorType type, int cid, int cv, int cx, int cy,
            List<Integer> usageCols, List<Integer> covCols) {
        List<String> ids = new ArrayList<>();
        List<Integer> firstRow = new ArrayList<>();
        List<List<double[]>> vertices = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            String id = t.text(r, cid);
            if (id.isEmpty()) {
                throw t.error(r, cid, "blank detector ID");
            }
            int at = ids.indexOf(id);
            if (at < 0) {
                ids.add(id);
                firstRow.add(r);
                vertices.add(new ArrayList<>());
                at = ids.size() - 1;
            } else if (at != ids.size() - 1) {
                throw t.error(r, cid, "the vertices of detector '" + id + "' are not together (it began on line "
                        + t.line(firstRow.get(at)) + ")");
            }
            int v = t.integer(r, cv);
            int expected = vertices.get(at).size() + 1;
            if (v != expected) {
                throw t.error(r, cv, "vertex " + v + " of detector '" + id + "' out of order; expected " + expected);
            }
            vertices.get(at).add(new double[] {t.number(r, cx), t.number(r, cy)});
        }
        List<double[]> vx = new ArrayList<>();
        List<double[]> vy = new ArrayList<>();
        for (List<double[]> v : vertices) {
            vx.add(v.stream().mapToDouble(p -> p[0]).toArray());
            vy.add(v.stream().mapToDouble(p -> p[1]).toArray());
        }
        DetectorArray d;
        try {
            d = DetectorArray.ofSearchAreas(type, ids, vx, vy);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(t.file(), 0, 0, e.getMessage(), e);
        }
        return withAttributes(t, d, firstRow.stream().mapToInt(Integer::intValue).toArray(), usageCols, covCols);
    }
}
