package org.secr4j.detector;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.util.Checks;

/**
 * The detectors of one session (secr's {@code traps} object): IDs, coordinates in metres,
 * the detector type, optional usage (effort of detector {@code k} on occasion {@code s};
 * 0 = not operating) and detector covariates. Point detectors have one location each; search
 * detectors ({@link DetectorType#isSearch()}: polygons and transects) have their vertices, and
 * their {@link #x}/{@link #y} is the centroid of the area or line.
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
    private final double[][] vx; // search detectors: vertices per detector (polygons open, not closed); else null
    private final double[][] vy;
    private final Geometry[] shapes;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private DetectorArray(DetectorType type, String[] ids, double[] x, double[] y, double[][] usage,
            CovariateTable covariates, Map<String, Integer> index) {
        this(type, ids, x, y, usage, covariates, index, null, null, null);
    }

    private DetectorArray(DetectorType type, String[] ids, double[] x, double[] y, double[][] usage,
            CovariateTable covariates, Map<String, Integer> index, double[][] vx, double[][] vy, Geometry[] shapes) {
        this.vx = vx;
        this.vy = vy;
        this.shapes = shapes;
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
        Checks.require(!type.isSearch(), "%s detectors are areas or lines: give their vertices (DetectorArray.ofSearchAreas)",
                type.secrName());
        Map<String, Integer> index = indexOf(ids);
        int k = ids.size();
        Checks.require(x.length == k && y.length == k,
                "detector IDs (%d), x (%d) and y (%d) must have the same length", k, x.length, y.length);
        for (int i = 0; i < k; i++) {
            Checks.require(Double.isFinite(x[i]) && Double.isFinite(y[i]),
                    "detector '%s' has a non-finite coordinate (%s, %s)", ids.get(i), x[i], y[i]);
        }
        return new DetectorArray(type, ids.toArray(new String[0]), x.clone(), y.clone(), null, CovariateTable.empty(k),
                index);
    }

    /**
     * Search detectors (polygons or transects, {@link DetectorType#isSearch()}): detector {@code k}
     * has vertices {@code (vx.get(k)[j], vy.get(k)[j])} in metres, in order. A polygon needs at least
     * three vertices (a closing vertex equal to the first is dropped) and must be simple (no
     * self-intersection) with positive area; a transect needs at least two vertices and no
     * zero-length segment. Arrays are copied.
     *
     * @throws IllegalArgumentException naming the detector for any of these, a non-finite vertex,
     *     a blank or duplicate ID, or a point detector type
     */
    public static DetectorArray ofSearchAreas(DetectorType type, List<String> ids, List<double[]> vx, List<double[]> vy) {
        Objects.requireNonNull(type, "type");
        Checks.require(type.isSearch(), "%s detectors are points: use DetectorArray.of", type.secrName());
        Map<String, Integer> index = indexOf(ids);
        int k = ids.size();
        Checks.require(vx.size() == k && vy.size() == k, "detector IDs (%d), vertex x (%d) and vertex y (%d) lists differ in length",
                k, vx.size(), vy.size());
        double[][] ax = new double[k][];
        double[][] ay = new double[k][];
        Geometry[] shapes = new Geometry[k];
        double[] cx = new double[k];
        double[] cy = new double[k];
        for (int i = 0; i < k; i++) {
            String id = ids.get(i);
            double[] px = vx.get(i);
            double[] py = vy.get(i);
            Checks.require(px.length == py.length, "detector '%s': %d vertex x but %d vertex y", id, px.length, py.length);
            int n = px.length;
            for (int j = 0; j < n; j++) {
                Checks.require(Double.isFinite(px[j]) && Double.isFinite(py[j]),
                        "detector '%s': vertex %d has a non-finite coordinate (%s, %s)", id, j + 1, px[j], py[j]);
            }
            if (type.isPolygon() && n > 1 && px[0] == px[n - 1] && py[0] == py[n - 1]) {
                n--; // closed ring given: drop the repeated vertex
            }
            ax[i] = Arrays.copyOf(px, n);
            ay[i] = Arrays.copyOf(py, n);
            if (type.isPolygon()) {
                Checks.require(n >= 3, "polygon detector '%s' has %d distinct vertices; a polygon needs at least 3", id, n);
                Coordinate[] ring = new Coordinate[n + 1];
                for (int j = 0; j < n; j++) {
                    ring[j] = new Coordinate(ax[i][j], ay[i][j]);
                }
                ring[n] = ring[0];
                Geometry g = GEOMETRY.createPolygon(ring);
                Checks.require(g.isValid() && g.getArea() > 0,
                        "polygon detector '%s' is not a simple polygon with positive area (edges cross or vertices repeat)", id);
                shapes[i] = g;
            } else {
                Checks.require(n >= 2, "transect detector '%s' has %d vertices; a transect needs at least 2", id, n);
                Coordinate[] line = new Coordinate[n];
                for (int j = 0; j < n; j++) {
                    line[j] = new Coordinate(ax[i][j], ay[i][j]);
                    Checks.require(j == 0 || ax[i][j] != ax[i][j - 1] || ay[i][j] != ay[i][j - 1],
                            "transect detector '%s': vertices %d and %d coincide (a zero-length segment)", id, j, j + 1);
                }
                shapes[i] = GEOMETRY.createLineString(line);
            }
            cx[i] = shapes[i].getCentroid().getX();
            cy[i] = shapes[i].getCentroid().getY();
        }
        return new DetectorArray(type, ids.toArray(new String[0]), cx, cy, null, CovariateTable.empty(k), index, ax, ay, shapes);
    }

    private static Map<String, Integer> indexOf(List<String> ids) {
        int k = ids.size();
        Checks.require(k > 0, "a detector array needs at least one detector");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < k; i++) {
            String id = Objects.requireNonNull(ids.get(i), "detector ID");
            Checks.require(!id.isBlank(), "detector %d has a blank ID", i + 1);
            Integer previous = index.put(id, i);
            Checks.require(previous == null, "duplicate detector ID '%s' (detectors %d and %d)", id,
                    previous == null ? 0 : previous + 1, i + 1);
        }
        return Map.copyOf(index);
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
        return new DetectorArray(type, ids, x, y, copy, covariates, index, vx, vy, shapes);
    }

    /** The same detectors with these covariates (one row per detector). */
    public DetectorArray withCovariates(CovariateTable covariates) {
        Checks.require(covariates.rows() == ids.length, "detector covariates have %d rows but there are %d detectors",
                covariates.rows(), ids.length);
        return new DetectorArray(type, ids, x, y, usage, covariates, index, vx, vy, shapes);
    }

    /** The same detectors as another type (secr's {@code detector(traps) <- ...}). */
    public DetectorArray withType(DetectorType newType) {
        Objects.requireNonNull(newType, "type");
        Checks.require(newType.isPolygon() == type.isPolygon() && newType.isTransect() == type.isTransect(),
                "cannot change %s detectors to %s: points, polygons and transects have different geometry",
                type.secrName(), newType.secrName());
        return new DetectorArray(newType, ids, x, y, usage, covariates, index, vx, vy, shapes);
    }

    /** The same detectors moved by {@code (dx, dy)} metres. */
    public DetectorArray translated(double dx, double dy) {
        double[] nx = x.clone();
        double[] ny = y.clone();
        for (int i = 0; i < nx.length; i++) {
            nx[i] += dx;
            ny[i] += dy;
        }
        if (vx != null) {
            List<double[]> px = new java.util.ArrayList<>();
            List<double[]> py = new java.util.ArrayList<>();
            for (int i = 0; i < vx.length; i++) {
                px.add(shift(vx[i], dx));
                py.add(shift(vy[i], dy));
            }
            DetectorArray moved = ofSearchAreas(type, List.of(ids), px, py);
            return new DetectorArray(type, ids, moved.x, moved.y, usage, covariates, index, moved.vx, moved.vy, moved.shapes);
        }
        return new DetectorArray(type, ids, nx, ny, usage, covariates, index);
    }

    private static double[] shift(double[] v, double d) {
        double[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] += d;
        }
        return out;
    }

    /** Whether these are search detectors with vertices (polygons or transects). */
    public boolean hasVertices() {
        return vx != null;
    }

    /** The x coordinates (m) of detector k's vertices, in order (a polygon's ring not closed); a copy. */
    public double[] vertexX(int k) {
        Checks.require(vx != null, "%s detectors have no vertices", type.secrName());
        return vx[k].clone();
    }

    /** The y coordinates (m) of detector k's vertices, in order; a copy. */
    public double[] vertexY(int k) {
        Checks.require(vy != null, "%s detectors have no vertices", type.secrName());
        return vy[k].clone();
    }

    /**
     * Distance (m) from {@code (px, py)} to search detector k: 0 inside or on a polygon, else the
     * distance to its boundary; for a transect the distance to the line.
     */
    public double distanceTo(int k, double px, double py) {
        Checks.require(shapes != null, "%s detectors have no area or line", type.secrName());
        return shapes[k].distance(GEOMETRY.createPoint(new Coordinate(px, py)));
    }

    /** Largest extent (m) of search detector k's bounding box. */
    public double extent(int k) {
        Checks.require(shapes != null, "%s detectors have no area or line", type.secrName());
        var e = shapes[k].getEnvelopeInternal();
        return Math.max(e.getWidth(), e.getHeight());
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
                && Arrays.deepEquals(usage, d.usage) && Arrays.deepEquals(vx, d.vx) && Arrays.deepEquals(vy, d.vy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(ids), Arrays.hashCode(x), Arrays.hashCode(y));
    }
}
