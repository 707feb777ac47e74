package org.secr4j.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.io.DataFileException;

/**
 * Reads a table of covariates from CSV, one row per occasion (secr's {@code timecov}) or per session
 * ({@code sessioncov}); every column is a covariate (numeric when every value parses as a number,
 * else a factor). For session covariates a {@code session} column, when present, names each row's
 * session and is matched to the sessions of the data.
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class CovariateCsv {
    private CovariateCsv() {}

    /** Time covariates: every column, rows in occasion order. */
    public static CovariateTable timeCovariates(Path path) {
        CsvTable t = CsvTable.read(path);
        if (t.rows() == 0) {
            throw new DataFileException(t.file(), 0, 0, "the time covariates have no rows (one per occasion)");
        }
        return table(t, null, -1);
    }

    /**
     * Session covariates for sessions {@code sessionIds}: rows matched by the {@code session} column
     * when it exists (each session exactly once), else taken in order (one row per session).
     */
    public static CovariateTable sessionCovariates(Path path, List<String> sessionIds) {
        CsvTable t = CsvTable.read(path);
        OptionalInt sc = t.column("session");
        int[] order = new int[sessionIds.size()];
        if (sc.isPresent()) {
            java.util.Arrays.fill(order, -1);
            for (int r = 0; r < t.rows(); r++) {
                String id = t.text(r, sc.getAsInt());
                int s = sessionIds.indexOf(id);
                if (s < 0) {
                    throw t.error(r, sc.getAsInt(), "session '" + id + "' is not in the data; sessions: " + sessionIds);
                }
                if (order[s] >= 0) {
                    throw t.error(r, sc.getAsInt(), "session '" + id + "' appears twice (also on line " + t.line(order[s]) + ")");
                }
                order[s] = r;
            }
            for (int s = 0; s < order.length; s++) {
                if (order[s] < 0) {
                    throw new DataFileException(t.file(), 0, 0, "no row for session '" + sessionIds.get(s) + "'");
                }
            }
        } else {
            if (t.rows() != sessionIds.size()) {
                throw new DataFileException(t.file(), 0, 0, "the session covariates have " + t.rows() + " rows but the data have "
                        + sessionIds.size() + " sessions " + sessionIds + "; give one row per session or a 'session' column");
            }
            for (int s = 0; s < order.length; s++) {
                order[s] = s;
            }
        }
        return table(t, order, sc.orElse(-1));
    }

    /** Every column but {@code skip} (-1: none) as a covariate, rows in {@code order} (null: file order). */
    private static CovariateTable table(CsvTable t, int[] order, int skip) {
        int rows = order == null ? t.rows() : order.length;
        List<Covariate> covs = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (c == skip) {
                continue;
            }
            String[] v = new String[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = t.text(order == null ? r : order[r], c);
            }
            covs.add(Covariate.parse(t.header().get(c), v));
        }
        return CovariateTable.of(rows, covs);
    }
}
