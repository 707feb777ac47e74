package org.secr4j.covariate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.secr4j.util.Checks;

/**
 * Named covariate columns of equal length (rows = detectors, animals or mask points).
 *
 * <p>Immutable; thread-safe.
 */
public final class CovariateTable {
    private static final CovariateTable EMPTY_ZERO = new CovariateTable(0, Map.of());
    private final int rows;
    private final Map<String, Covariate> columns;

    private CovariateTable(int rows, Map<String, Covariate> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** A table with no columns and {@code rows} rows. */
    public static CovariateTable empty(int rows) {
        return rows == 0 ? EMPTY_ZERO : new CovariateTable(rows, Map.of());
    }

    /** A table of the given columns, each of length {@code rows}; names must be distinct. */
    public static CovariateTable of(int rows, List<Covariate> columns) {
        Map<String, Covariate> map = new LinkedHashMap<>();
        for (Covariate c : columns) {
            Checks.require(c.size() == rows, "covariate '%s' has %d values but there are %d rows",
                    c.name(), c.size(), rows);
            Checks.require(map.put(c.name(), c) == null, "covariate '%s' is given twice", c.name());
        }
        return new CovariateTable(rows, Collections.unmodifiableMap(map));
    }

    public int rows() {
        return rows;
    }

    public Collection<Covariate> columns() {
        return columns.values();
    }

    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    public Optional<Covariate> get(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** Rows {@code rows} of every column, in that order. */
    public CovariateTable subset(int[] rowIndex) {
        List<Covariate> subset = new ArrayList<>();
        for (Covariate c : columns.values()) {
            subset.add(c.subset(rowIndex));
        }
        return of(rowIndex.length, subset);
    }
}
