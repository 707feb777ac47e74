package org.secr4j.io.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of a TRIM 3.61 output file ({@code .out}) as printed, each with its number of decimals
 * so that a test can compare to the printed precision.
 */
final class TrimOutput {
    /** A printed number and its decimals. */
    record Printed(double value, int decimals) {
        double halfUnit() {
            return 0.5 * Math.pow(10, -decimals);
        }
    }

    final List<String> lines;

    TrimOutput(Path file) throws IOException {
        this(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    }

    private TrimOutput(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The lines from {@code from} (inclusive) to {@code to} (exclusive) as an output of their own. */
    TrimOutput slice(int from, int to) {
        return new TrimOutput(lines.subList(from, to));
    }

    static Printed printed(String token) {
        int dot = token.indexOf('.');
        return new Printed(Double.parseDouble(token), dot < 0 ? 0 : token.length() - dot - 1);
    }

    /** The numbers after a label such as "Estimated Overdispersion     =  1.344" (null when absent). */
    Printed labelled(String label) {
        for (String l : lines) {
            if (l.contains(label)) {
                Matcher m = Pattern.compile("-?\\d+\\.\\d+").matcher(l.substring(l.indexOf(label) + label.length()));
                if (m.find()) {
                    return printed(m.group());
                }
            }
        }
        return null;
    }

    /** All decimal numbers on the first line containing the label, after it. */
    List<Printed> numbersAfter(String label) {
        for (String l : lines) {
            int at = l.indexOf(label);
            if (at >= 0) {
                return numbers(l.substring(at + label.length()));
            }
        }
        throw new AssertionError("no line with " + label);
    }

    static List<Printed> numbers(String s) {
        List<Printed> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?").matcher(s);
        while (m.find()) {
            out.add(printed(m.group()));
        }
        return out;
    }

    /** The index of the first line at or after {@code from} that contains {@code text}, or -1. */
    int find(String text, int from) {
        for (int k = Math.max(from, 0); k < lines.size(); k++) {
            if (lines.get(k).contains(text)) {
                return k;
            }
        }
        return -1;
    }

    /** The rows of numbers between a header line and the next blank line. */
    List<List<Printed>> table(String header, int skip) {
        int at = find(header, 0);
        if (at < 0) {
            throw new AssertionError("no section " + header);
        }
        List<List<Printed>> rows = new ArrayList<>();
        for (int k = at + 1 + skip; k < lines.size() && !lines.get(k).isBlank(); k++) {
            rows.add(numbers(lines.get(k)));
        }
        return rows;
    }

    /**
     * The parameter rows (additive, SE, multiplicative, SE) between PARAMETER ESTIMATES and the
     * first of {@code ends}, skipping the fixed reference rows (0 0 1 0) and rows without SEs.
     */
    List<List<Printed>> parameterRows() {
        int start = find("PARAMETER ESTIMATES", 0);
        List<List<Printed>> rows = new ArrayList<>();
        for (int k = start + 1; k < lines.size(); k++) {
            String l = lines.get(k);
            if (l.contains("Linear Trend + Deviations") || l.contains("Time INDICES")) {
                break;
            }
            if (!l.matches(".*\\d+\\.\\d+.*")) {
                continue;
            }
            List<Printed> n = numbers(l.replaceFirst("Category\\s+\\d+", ""));
            if (n.size() < 4) {
                continue;
            }
            List<Printed> last4 = n.subList(n.size() - 4, n.size());
            if (last4.get(0).value() == 0 && last4.get(1).value() == 0 && last4.get(2).value() == 1) {
                continue;
            }
            rows.add(last4);
        }
        return rows;
    }
}
