package org.secr4j.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.util.Checks;

/**
 * The region of integration of one session (secr's {@code mask}): the centres of square grid
 * cells of side {@code spacingMetres}, each of area \( s^2 / 10\,000 \) hectares, with optional
 * mask covariates.
 *
 * <p>Immutable; thread-safe.
 *
 * @see <a href="https://doi.org/10.1111/j.1541-0420.2007.00927.x">Borchers &amp; Efford (2008)</a>
 */
public final class HabitatMask {
    /** Relative tolerance with which points must sit on the grid. */
    public static final double GRID_TOLERANCE = 1e-6;
    private static final double SQUARE_METRES_PER_HECTARE = 10_000.0;

    private final double[] x;
    private final double[] y;
    private final double spacing;
    private final CovariateTable covariates;

    private HabitatMask(double[] x, double[] y, double spacing, CovariateTable covariates) {
        this.x = x;
        this.y = y;
        this.spacing = spacing;
        this.covariates = covariates;
    }

    /**
     * A mask from grid-cell centres; the spacing is inferred as the smallest positive difference
     * between distinct x or y coordinates, and every point must lie on that grid.
     *
     * @throws IllegalArgumentException for no points, a non-finite coordinate, or a point off the grid
     *     (its row, 1-based, and coordinates are named)
     */
    public static HabitatMask fromPoints(double[] x, double[] y, CovariateTable covariates) {
        Checks.require(x.length == y.length, "mask x (%d) and y (%d) differ in length", x.length, y.length);
        Checks.require(x.length > 0, "the mask has no points");
        for (int i = 0; i < x.length; i++) {
            Checks.require(Double.isFinite(x[i]) && Double.isFinite(y[i]), "mask point %d has a non-finite coordinate (%s, %s)",
                    i + 1, x[i], y[i]);
        }
        double sx = smallestGap(x);
        double sy = smallestGap(y);
        double spacing = Math.min(sx, sy);
        Checks.require(Double.isFinite(spacing),
                "cannot infer the mask spacing from a single point; use fromPoints(x, y, spacing, covariates)");
        return fromPoints(x, y, spacing, covariates);
    }

    /** A mask from grid-cell centres with a known spacing (metres); points must lie on the grid. */
    public static HabitatMask fromPoints(double[] x, double[] y, double spacingMetres, CovariateTable covariates) {
        Checks.require(x.length == y.length, "mask x (%d) and y (%d) differ in length", x.length, y.length);
        Checks.require(x.length > 0, "the mask has no points");
        Checks.positive(spacingMetres, "mask spacing (m)");
        CovariateTable cov = covariates == null ? CovariateTable.empty(x.length) : covariates;
        Checks.require(cov.rows() == x.length, "mask covariates have %d rows but the mask has %d points", cov.rows(),
                x.length);
        double x0 = x[0];
        double y0 = y[0];
        for (int i = 0; i < x.length; i++) {
            checkOnGrid(x[i] - x0, spacingMetres, i, x[i], y[i], "x");
            checkOnGrid(y[i] - y0, spacingMetres, i, x[i], y[i], "y");
        }
        return new HabitatMask(x.clone(), y.clone(), spacingMetres, cov);
    }

    private static void checkOnGrid(double offset, double spacing, int i, double px, double py, String axis) {
        double steps = offset / spacing;
        double off = Math.abs(steps - Math.rint(steps));
        if (off > GRID_TOLERANCE * Math.max(1, Math.abs(steps))) {
            throw new IllegalArgumentException(Checks.format(
                    "not a square-grid mask: point %d (%s, %s) is %.4g spacings off the grid in %s (spacing %s m inferred from the points)",
                    i + 1, px, py, off, axis, spacing));
        }
    }

    private static double smallestGap(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < s.length; i++) {
            double d = s[i] - s[i - 1];
            if (d > GRID_TOLERANCE * Math.max(1, Math.abs(s[i])) && d < best) {
                best = d;
            }
        }
        return best;
    }

    /**
     * A mask of points within {@code bufferMetres} of any detector (secr {@code make.mask}, type
     * {@code "trapbuffer"}): a grid with cell centres at
     * \( x_{\min} - b + s/2 + i s \) up to \( x_{\max} + b \) (and likewise in y), keeping the
     * points no farther than {@code b} from the nearest detector. For polygons and transects the
     * distance is to the area (0 inside) or the line, and the grid spans their vertices.
     */
    public static HabitatMask around(DetectorArray detectors, double bufferMetres, double spacingMetres) {
        Checks.require(bufferMetres >= 0 && Double.isFinite(bufferMetres), "buffer must be >= 0 m but was %s",
                bufferMetres);
        Checks.positive(spacingMetres, "mask spacing (m)");
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        boolean search = detectors.hasVertices();
        for (int k = 0; k < detectors.size(); k++) {
            double[] xs = search ? detectors.vertexX(k) : new double[] {detectors.x(k)};
            double[] ys = search ? detectors.vertexY(k) : new double[] {detectors.y(k)};
            for (int j = 0; j < xs.length; j++) {
                xmin = Math.min(xmin, xs[j]);
                xmax = Math.max(xmax, xs[j]);
                ymin = Math.min(ymin, ys[j]);
                ymax = Math.max(ymax, ys[j]);
            }
        }
        double b2 = bufferMetres * bufferMetres;
        List<double[]> pts = new ArrayList<>();
        for (double py = ymin - bufferMetres + spacingMetres / 2; py <= ymax + bufferMetres; py += spacingMetres) {
            for (double px = xmin - bufferMetres + spacingMetres / 2; px <= xmax + bufferMetres; px += spacingMetres) {
                for (int k = 0; k < detectors.size(); k++) {
                    double dx = px - detectors.x(k);
                    double dy = py - detectors.y(k);
                    if (search ? detectors.distanceTo(k, px, py) <= bufferMetres : dx * dx + dy * dy <= b2) {
                        pts.add(new double[] {px, py});
                        break;
                    }
                }
            }
        }
        Checks.require(!pts.isEmpty(), "the mask has no points (buffer %s m, spacing %s m)", bufferMetres, spacingMetres);
        double[] mx = new double[pts.size()];
        double[] my = new double[pts.size()];
        for (int i = 0; i < mx.length; i++) {
            mx[i] = pts.get(i)[0];
            my[i] = pts.get(i)[1];
        }
        return new HabitatMask(mx, my, spacingMetres, CovariateTable.empty(mx.length));
    }

    /** The points of this mask inside {@code region} (boundary included); e.g. habitat polygons. */
    public HabitatMask clippedTo(Geometry region) {
        return select(region, true);
    }

    /** The points of this mask outside {@code region}; e.g. lakes or farmland. */
    public HabitatMask excluding(Geometry region) {
        return select(region, false);
    }

    private HabitatMask select(Geometry region, boolean inside) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(region);
        int[] keep = new int[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            boolean in = locator.locate(new Coordinate(x[i], y[i])) != Location.EXTERIOR;
            if (in == inside) {
                keep[n++] = i;
            }
        }
        Checks.require(n > 0, "the mask has no points after %s the region", inside ? "clipping to" : "excluding");
        return subset(Arrays.copyOf(keep, n));
    }

    /** The mask with only the points {@code rows} (0-based, in that order). */
    public HabitatMask subset(int[] rows) {
        Checks.require(rows.length > 0, "the mask has no points");
        double[] nx = new double[rows.length];
        double[] ny = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            nx[i] = x[rows[i]];
            ny[i] = y[rows[i]];
        }
        return new HabitatMask(nx, ny, spacing, covariates.subset(rows));
    }

    /** The same mask with these covariates (one row per point). */
    public HabitatMask withCovariates(CovariateTable cov) {
        Checks.require(cov.rows() == x.length, "mask covariates have %d rows but the mask has %d points", cov.rows(),
                x.length);
        return new HabitatMask(x, y, spacing, cov);
    }

    /** The same mask moved by {@code (dx, dy)} metres. */
    public HabitatMask translated(double dx, double dy) {
        double[] nx = x.clone();
        double[] ny = y.clone();
        for (int i = 0; i < nx.length; i++) {
            nx[i] += dx;
            ny[i] += dy;
        }
        return new HabitatMask(nx, ny, spacing, covariates);
    }

    public int size() {
        return x.length;
    }

    public double x(int m) {
        return x[m];
    }

    public double y(int m) {
        return y[m];
    }

    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    public double spacingMetres() {
        return spacing;
    }

    /** Area of one cell in hectares: \( s^2 / 10\,000 \). */
    public double cellAreaHectares() {
        return spacing * spacing / SQUARE_METRES_PER_HECTARE;
    }

    /** Total area of the mask in hectares. */
    public double areaHectares() {
        return cellAreaHectares() * x.length;
    }

    public CovariateTable covariates() {
        return covariates;
    }

    /** The mask as JTS points (for spatial queries such as region membership). */
    public boolean[] inside(Geometry region) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(region);
        boolean[] in = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = locator.locate(new Coordinate(x[i], y[i])) != Location.EXTERIOR;
        }
        return in;
    }

    /** A JTS factory for building regions in mask coordinates. */
    public static GeometryFactory geometryFactory() {
        return new GeometryFactory();
    }

    @Override
    public String toString() {
        return "HabitatMask[" + x.length + " points, spacing " + spacing + " m, " + areaHectares() + " ha]";
    }
}
