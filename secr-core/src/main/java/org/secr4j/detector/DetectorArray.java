package org.secr4j.detector;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.util.Checks;

/**
 * Point detectors of one session (secr's {@code traps} object): IDs, coordinates in metres,
 * the detector type, optional usage (effort of detector {@code k} on occasion {@code s};
 * 0 = not operating) and detector covariates.
 *
 * <p>Without usage every detector operates with unit effort on every occasion.
 *
 * <p>Immutable; thread-safe. Build with {@link #of} and the {@code with…} methods.
 */
public final class DetectorArray {
    private final DetectorType type;
    private final String[] ids;
    private final double[] x;
    private final double[] y;
    private final double[][] usage; // null = unit usage everywhere
    private final CovariateTable covariates;
    private final Map<String, Integer> index;

    private DetectorArray(DetectorType type, String[] ids, double[] x, double[] y, double[][] usage,
            CovariateTable covariates, Map<String, Integer> index) {
        this.type = type;
        this.ids = ids;
        this.x = x;
        this.y = y;
        this.usage = usage;
        this.covariates = covariates;
        this.index = index;
    }

    /**
     * Detectors with the given IDs and coordinates (metres). Arrays are copied.
     *
     * @throws IllegalArgumentException for no detectors, arrays of different lengths, a blank or
     *     duplicate ID (both rows named), or a non-finite coordinate
     */
    public static DetectorArray of(DetectorType type, List<String> ids, double[] x, double[] y) {
        Objects.requireNonNull(type, "type");
        int k = ids.size();
        Checks.require(k > 0, "a detector array needs at least one detector");
        Checks.require(x.length == k && y.length == k,
                "detector IDs (%d), x (%d) and y (%d) must have the same length", k, x.length, y.length);
        Map<String, Integer> index = new HashMap<>();
        String[] idArray = new String[k];
        for (int i = 0; i < k; i++) {
            String id = Objects.requireNonNull(ids.get(i), "detector ID");
            Checks.require(!id.isBlank(), "detector %d has a blank ID", i + 1);
            Integer previous = index.put(id, i);
            Checks.require(previous == null, "duplicate detector ID '%s' (detectors %d and %d)", id,
                    previous == null ? 0 : previous + 1, i + 1);
            Checks.require(Double.isFinite(x[i]) && Double.isFinite(y[i]),
                    "detector '%s' has a non-finite coordinate (%s, %s)", id, x[i], y[i]);
            idArray[i] = id;
        }
        return new DetectorArray(type, idArray, x.clone(), y.clone(), null, CovariateTable.empty(k),
                Map.copyOf(index));
    }

    /**
     * The same detectors with usage {@code usage[k][s]} (detector {@code k}, occasion {@code s}),
     * each value finite and non-negative. Copied.
     */
    public DetectorArray withUsage(double[][] usage) {
        Checks.require(usage.length == ids.length, "usage has %d rows but there are %d detectors",
                usage.length, ids.length);
        int s = usage.length == 0 ? 0 : usage[0].length;
        Checks.require(s > 0, "usage must have at least one occasion");
        double[][] copy = new double[usage.length][];
        for (int k = 0; k < usage.length; k++) {
            Checks.require(usage[k].length == s, "usage of detector '%s' has %d occasions but detector '%s' has %d",
                    ids[k], usage[k].length, ids[0], s);
            for (int j = 0; j < s; j++) {
                double u = usage[k][j];
                Checks.require(Double.isFinite(u) && u >= 0,
                        "usage of detector '%s' on occasion %d must be finite and >= 0 but was %s", ids[k], j + 1, u);
            }
            copy[k] = usage[k].clone();
        }
        return new DetectorArray(type, ids, x, y, copy, covariates, index);
    }

    /** The same detectors with these covariates (one row per detector). */
    public DetectorArray withCovariates(CovariateTable covariates) {
        Checks.require(covariates.rows() == ids.length, "detector covariates have %d rows but there are %d detectors",
                covariates.rows(), ids.length);
        return new DetectorArray(type, ids, x, y, usage, covariates, index);
    }

    /** The same detectors as another type (secr's {@code detector(traps) <- ...}). */
    public DetectorArray withType(DetectorType newType) {
        return new DetectorArray(Objects.requireNonNull(newType), ids, x, y, usage, covariates, index);
    }

    /** The same detectors moved by {@code (dx, dy)} metres. */
    public DetectorArray translated(double dx, double dy) {
        double[] nx = x.clone();
        double[] ny = y.clone();
        for (int i = 0; i < nx.length; i++) {
            nx[i] += dx;
            ny[i] += dy;
        }
        return new DetectorArray(type, ids, nx, ny, usage, covariates, index);
    }

    public DetectorType type() {
        return type;
    }

    public int size() {
        return ids.length;
    }

    public String id(int k) {
        return ids[k];
    }

    public List<String> ids() {
        return List.of(ids);
    }

    /** Index of the detector with this ID, if any. */
    public OptionalInt indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public double x(int k) {
        return x[k];
    }

    public double y(int k) {
        return y[k];
    }

    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    public boolean hasUsage() {
        return usage != null;
    }

    /** Number of occasions in the usage matrix (empty when there is no usage). */
    public OptionalInt usageOccasions() {
        return usage == null ? OptionalInt.empty() : OptionalInt.of(usage[0].length);
    }

    /** Usage of detector {@code k} on occasion {@code s} (0-based); 1 without usage. */
    public double usage(int k, int s) {
        return usage == null ? 1.0 : usage[k][s];
    }

    public CovariateTable covariates() {
        return covariates;
    }

    /** Smallest distance between two distinct detectors (metres); 0 for one detector. */
    public double nearestNeighbourSpacing() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double d = Math.hypot(x[i] - x[j], y[i] - y[j]);
                if (d > 0 && d < best) {
                    best = d;
                }
            }
        }
        return Double.isInfinite(best) ? 0 : best;
    }

    @Override
    public String toString() {
        return "DetectorArray[" + type.secrName() + ", " + ids.length + " detectors"
                + (usage == null ? "" : ", usage " + ids.length + "x" + usage[0].length) + ", covariates "
                + covariates.names() + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DetectorArray)) {
            return false;
        }
        DetectorArray d = (DetectorArray) o;
        return type == d.type && Arrays.equals(ids, d.ids) && Arrays.equals(x, d.x) && Arrays.equals(y, d.y)
                && Arrays.deepEquals(usage, d.usage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(ids), Arrays.hashCode(x), Arrays.hashCode(y));
    }
}
