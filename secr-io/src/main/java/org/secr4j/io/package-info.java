/**
 * Input and output of secr4j data: CSV (read with Tablesaw) in {@link org.secr4j.io.table}, secr's
 * text formats in {@link org.secr4j.io.secrtext}. Every error is a
 * {@link org.secr4j.io.DataFileException} naming file, line and column.
 */
package org.secr4j.io;
