package org.secr4j.io;

/**
 * Bad content in an input file: the message names the file, the 1-based line and, where it
 * applies, the 1-based column and its header.
 */
public final class DataFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;

    public DataFileException(String file, int line, int column, String message) {
        super(file + (line > 0 ? " line " + line : "") + (column > 0 ? " column " + column : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public DataFileException(String file, int line, int column, String message, Throwable cause) {
        this(file, line, column, message);
        initCause(cause);
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the whole file is at fault. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when not one column. */
    public int column() {
        return column;
    }
}
