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

    /** Reads {@code path} as detectors of {@code type}. */
    public static DetectorArray read(Path path, DetectorType type) {
        CsvTable t = CsvTable.read(path);
        int cid = t.requireColumn("detectorID");
        int cx = t.requireColumn("x");
        int cy = t.requireColumn("y");
        if (t.rows() == 0) {
            throw new DataFileException(t.file(), 0, 0, "no detectors");
        }
        List<Integer> usageCols = new ArrayList<>();
        List<Integer> covCols = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            String h = t.header().get(c);
            if (c == cid || c == cx || c == cy) {
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
        int k = t.rows();
        List<String> ids = new ArrayList<>();
        double[] x = new double[k];
        double[] y = new double[k];
        double[][] usage = usageCols.isEmpty() ? null : new double[k][usageCols.size()];
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
            for (int j = 0; j < usageCols.size(); j++) {
                double u = t.number(r, usageCols.get(j));
                if (u < 0) {
                    throw t.error(r, usageCols.get(j), "usage must be >= 0 but was " + u);
                }
                usage[r][j] = u;
            }
        }
        List<Covariate> covs = new ArrayList<>();
        for (int c : covCols) {
            String[] v = new String[k];
            for (int r = 0; r < k; r++) {
                v[r] = t.text(r, c);
            }
            String h = t.header().get(c);
            covs.add(Covariate.parse(h.startsWith(COVARIATE_PREFIX) ? h.substring(COVARIATE_PREFIX.length()) : h, v));
        }
        DetectorArray d = DetectorArray.of(type, ids, x, y).withCovariates(CovariateTable.of(k, covs));
        return usage == null ? d : d.withUsage(usage);
    }
}
