package org.secr4j.covariate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One named covariate column: numeric ({@code double}, {@code NaN} = missing) or a factor
 * (string levels, {@code null} = missing). Used for detector, individual and mask covariates.
 *
 * <p>Immutable; thread-safe.
 */
public final class Covariate {
    private final String name;
    private final double[] numeric;
    private final String[] factor;
    private final List<String> levels;

    private Covariate(String name, double[] numeric, String[] factor) {
        this.name = Objects.requireNonNull(name, "name");
        this.numeric = numeric;
        this.factor = factor;
        if (factor != null) {
            TreeSet<String> set = new TreeSet<>();
            for (String s : factor) {
                if (s != null) {
                    set.add(s);
                }
            }
            this.levels = List.copyOf(new ArrayList<>(set));
        } else {
            this.levels = List.of();
        }
    }

    /** A numeric covariate; {@code NaN} marks a missing value. The array is copied. */
    public static Covariate numeric(String name, double[] values) {
        return new Covariate(name, values.clone(), null);
    }

    /** A factor covariate with levels sorted alphabetically (R's default); {@code null} = missing. */
    public static Covariate factor(String name, String[] values) {
        return new Covariate(name, null, values.clone());
    }

    /**
     * A covariate from text: numeric when every non-missing value parses as a number, else a
     * factor. {@code "NA"} and the empty string are missing.
     */
    public static Covariate parse(String name, String[] text) {
        double[] v = new double[text.length];
        boolean allNumeric = true;
        String[] f = new String[text.length];
        for (int i = 0; i < text.length; i++) {
            String s = text[i] == null ? null : text[i].trim();
            boolean missing = s == null || s.isEmpty() || s.equals("NA");
            f[i] = missing ? null : s;
            if (missing) {
                v[i] = Double.NaN;
                continue;
            }
            try {
                v[i] = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                allNumeric = false;
            }
        }
        return allNumeric ? new Covariate(name, v, null) : new Covariate(name, null, f);
    }

    public String name() {
        return name;
    }

    public boolean isFactor() {
        return factor != null;
    }

    public int size() {
        return factor != null ? factor.length : numeric.length;
    }

    /** Numeric value of row {@code i}; throws for a factor. */
    public double numericValue(int i) {
        if (numeric == null) {
            throw new IllegalStateException("covariate '" + name + "' is a factor, not numeric");
        }
        return numeric[i];
    }

    /** Level of row {@code i} for a factor, or the number formatted for a numeric covariate; null when missing. */
    public String textValue(int i) {
        if (factor != null) {
            return factor[i];
        }
        return Double.isNaN(numeric[i]) ? null : Double.toString(numeric[i]);
    }

    /** Factor levels in sorted order (empty for numeric covariates). */
    public List<String> levels() {
        return levels;
    }

    /** A covariate holding rows {@code rows} of this one, in that order. */
    public Covariate subset(int[] rows) {
        if (factor != null) {
            String[] f = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                f[i] = factor[rows[i]];
            }
            return new Covariate(name, null, f);
        }
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = numeric[rows[i]];
        }
        return new Covariate(name, v, null);
    }

    @Override
    public String toString() {
        return name + (isFactor() ? " (factor " + levels + ")" : " (numeric)") + " n=" + size()
                + (size() <= 6 ? " " + (isFactor() ? Arrays.toString(factor) : Arrays.toString(numeric)) : "");
    }
}
