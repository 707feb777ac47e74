package org.secr4j.io.table;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.secr4j.io.DataFileException;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A CSV file read by Tablesaw with every column as text, so that secr4j parses each cell itself
 * and can name the file, line and column of a bad value. Quote-aware (IDs with spaces or commas
 * are fine). Line numbers assume one line per record, with the header on line 1.
 *
 * <p>Immutable after reading; thread-safe.
 */
public final class CsvTable {
    private final String file;
    private final List<String> header;
    private final String[][] cells;

    private CsvTable(String file, List<String> header, String[][] cells) {
        this.file = file;
        this.header = header;
        this.cells = cells;
    }

    /** Reads {@code path}; a missing, empty or malformed file is a {@link DataFileException}. */
    public static CsvTable read(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new DataFileException(name, 0, 0, "no such file");
        }
        try {
            if (Files.size(path) == 0) {
                throw new DataFileException(name, 0, 0, "the file is empty");
            }
        } catch (IOException e) {
            throw new DataFileException(name, 0, 0, "cannot read: " + e.getMessage(), e);
        }
        Table t;
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            t = Table.read().usingOptions(CsvReadOptions.builder(r).header(true).columnTypes(c -> ColumnType.STRING)
                    .missingValueIndicator(new String[0]).tableName(name));
        } catch (IOException e) {
            throw new DataFileException(name, 0, 0, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DataFileException(name, 0, 0, "not a readable CSV file: " + e.getMessage(), e);
        }
        List<String> header = List.copyOf(t.columnNames());
        String[][] cells = new String[t.rowCount()][header.size()];
        for (int c = 0; c < header.size(); c++) {
            var col = t.stringColumn(c);
            for (int r = 0; r < t.rowCount(); r++) {
                cells[r][c] = col.get(r);
            }
        }
        return new CsvTable(name, header, cells);
    }

    public String file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public int rows() {
        return cells.length;
    }

    /** Index of the column named {@code name}, if present. */
    public OptionalInt column(String name) {
        int i = header.indexOf(name);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Index of a required column; its absence is an error listing the header. */
    public int requireColumn(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new DataFileException(file, 1, 0, "missing column '" + name + "' (header: " + header + ")");
        }
        return i;
    }

    /** The cell of row {@code r} (0-based data row) and column {@code c}, trimmed. */
    public String text(int r, int c) {
        String s = cells[r][c];
        return s == null ? "" : s.trim();
    }

    /** 1-based file line of data row {@code r}. */
    public int line(int r) {
        return r + 2;
    }

    /** A number; a blank or non-numeric cell is an error naming file, line and column. */
    public double number(int r, int c) {
        String s = text(r, c);
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(r, c, "expected a number in column '" + header.get(c) + "' but found '" + s + "'");
        }
    }

    /** A whole number. */
    public int integer(int r, int c) {
        double v = number(r, c);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error(r, c, "expected a whole number in column '" + header.get(c) + "' but found '" + text(r, c) + "'");
        }
        return (int) v;
    }

    /** An R logical (TRUE/FALSE, T/F, true/false, 1/0). */
    public boolean logical(int r, int c) {
        String s = text(r, c);
        switch (s) {
            case "TRUE": case "T": case "true": case "1": return true;
            case "FALSE": case "F": case "false": case "0": return false;
            default: throw error(r, c, "expected TRUE or FALSE in column '" + header.get(c) + "' but found '" + s + "'");
        }
    }

    /** "FILE line L" for data row {@code r}. */
    public String origin(int r) {
        return file + " line " + line(r);
    }

    /** An error about data row {@code r}, column {@code c} (0-based; -1 for the whole row). */
    public DataFileException error(int r, int c, String message) {
        return new DataFileException(file, line(r), c + 1, message);
    }
}
