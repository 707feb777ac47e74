package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.model.DetectionFunction;

class SearchIntegralsTest {
    /** Integrated kernel against closed forms and exact identities (relative). */
    static final double INTEGRAL = 1e-10;
    /**
     * Absolute floor of the integral's tolerance: outside a polygon the signed triangles cancel (each
     * of order 0.1), so small values carry an absolute error of order 1e-13.
     */
    static final double FLOOR = 1e-12;
    /** d log H / d log sigma against central differences (absolute). */
    static final double DERIVATIVE = 1e-6;
    private static final double SIGMA = 18.5;

    private static DetectorArray polygons(DetectorType type, double[]... xy) {
        List<String> ids = new java.util.ArrayList<>();
        List<double[]> vx = new java.util.ArrayList<>();
        List<double[]> vy = new java.util.ArrayList<>();
        for (int k = 0; k < xy.length; k++) {
            ids.add("P" + k);
            double[] x = new double[xy[k].length / 2];
            double[] y = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = xy[k][2 * j];
                y[j] = xy[k][2 * j + 1];
            }
            vx.add(x);
            vy.add(y);
        }
        return DetectorArray.ofSearchAreas(type, ids, vx, vy);
    }

    private static double[] at(SearchIntegrals s, int k, double px, double py, double sigma, int detectors) {
        double[] h = new double[detectors];
        double[] d = new double[detectors];
        s.integrals(px, py, sigma, h, d, 0);
        return new double[] {h[k], d[k]};
    }

    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /** \( \Pr(x_0 < X < x_1)\Pr(y_0 < Y < y_1) \) for X, Y normal about (px, py) with sd sigma. */
    private static double rectangle(double x0, double x1, double y0, double y1, double px, double py, double s) {
        return (phi((x1 - px) / s) - phi((x0 - px) / s)) * (phi((y1 - py) / s) - phi((y0 - py) / s));
    }

    private static final double[][] POINTS = {{450, 450}, {300, 300}, {300, 450}, {301, 599}, {299.9, 450}, {250, 620},
            {480.3, 310.7}, {380, 560}, {700, 450}, {100, 100}, {600.001, 300.5}, {450, 301e0}};

    @Test
    void halfNormalPolygonIntegralEqualsTheBivariateNormalProbabilityOfARectangle() {
        DetectorArray sq = polygons(DetectorType.POLYGON_X, new double[] {300, 300, 300, 600, 600, 600, 600, 300});
        for (boolean closedForm : new boolean[] {true, false}) {
            SearchIntegrals s = new SearchIntegrals(sq, DetectionFunction.HHN, closedForm);
            for (double sigma : new double[] {SIGMA, 2, 150, 1000}) {
                for (double[] p : POINTS) {
                    double exact = rectangle(300, 600, 300, 600, p[0], p[1], sigma);
                    double h = at(s, 0, p[0], p[1], sigma, 1)[0];
                    assertEquals(exact, h, Math.max(FLOOR, INTEGRAL * exact),
                            "closed form " + closedForm + ", sigma " + sigma + " at " + p[0] + "," + p[1]);
                }
            }
        }
    }

    /**
     * The closed form of rectangles against the quadrature that every other polygon takes: rectangles
     * axis-aligned and rotated, both ring orientations, centres inside, on edges and corners, outside and
     * far away (where both are tiny: relative tolerance, above the quadrature's absolute floor).
     */
    @Test
    void aRectanglesClosedFormEqualsTheQuadratureOfItsEdges() {
        double[][] rings = {
            {300, 300, 300, 600, 700, 600, 700, 300}, // clockwise, axis-aligned, 400 x 300
            {300, 300, 700, 300, 700, 600, 300, 600}, // the same counter-clockwise
            {0, 0, 173.20508075688772, 100, 123.20508075688772, 186.60254037844388, -50, 86.60254037844386}, // 30 degrees
            {-50, 86.60254037844386, 123.20508075688772, 186.60254037844388, 173.20508075688772, 100, 0, 0}, // clockwise
            {10, 10, 10.5, 10, 10.5, 500, 10, 500}}; // a strip half a metre wide
        double[][] points = {{450, 450}, {300, 300}, {500, 600}, {299.9, 450}, {0, 0}, {60, 90}, {-60, 40}, {900, 100},
                {10.25, 200}, {-80, 600}, {140, 160}, {450, 180}};
        for (double[] ring : rings) {
            DetectorArray d = polygons(DetectorType.POLYGON, ring);
            SearchIntegrals closed = new SearchIntegrals(d, DetectionFunction.HHN);
            SearchIntegrals quadrature = new SearchIntegrals(d, DetectionFunction.HHN, false);
            for (double sigma : new double[] {SIGMA, 3, 120}) {
                for (double[] p : points) {
                    double[] c = at(closed, 0, p[0], p[1], sigma, 1);
                    double[] q = at(quadrature, 0, p[0], p[1], sigma, 1);
                    String where = java.util.Arrays.toString(ring) + " sigma " + sigma + " at " + p[0] + "," + p[1];
                    assertEquals(q[0], c[0], Math.max(FLOOR, INTEGRAL * q[0]), where);
                    if (q[0] > 1e-6) { // the quadrature's derivative is the ratio of two cancelling sums below that
                        assertEquals(q[1], c[1], 1e-8 * Math.max(1, Math.abs(q[1])), "derivative, " + where);
                    }
                }
            }
        }
    }

    @Test
    void onlyRectanglesTakeTheClosedForm() {
        assertEquals(true, SearchIntegrals.rectangle(new double[] {0, 2, 2, 0}, new double[] {0, 0, 1, 1}) != null);
        double[] r = SearchIntegrals.rectangle(new double[] {0, 0, 2, 2}, new double[] {0, 1, 1, 0}); // clockwise
        assertEquals(1, r[4], 0, "first side's length");
        assertEquals(-2, r[5], 0, "second side's length, negative: it turns clockwise");
        assertEquals(null, SearchIntegrals.rectangle(new double[] {0, 2, 3, 1}, new double[] {0, 0, 1, 1}), "parallelogram");
        assertEquals(null, SearchIntegrals.rectangle(new double[] {0, 2, 1.5, 0.5}, new double[] {0, 0, 1, 1}), "trapezium");
        assertEquals(null, SearchIntegrals.rectangle(new double[] {0, 2, 2}, new double[] {0, 0, 1}), "triangle");
        assertEquals(null, SearchIntegrals.rectangle(new double[] {0, 2, 2, 1, 0}, new double[] {0, 0, 1, 1.5, 1}), "pentagon");
        assertEquals(null, SearchIntegrals.rectangle(new double[] {0, 2, 2, 1e-9}, new double[] {0, 0, 1, 1}),
                "a corner off by 1e-9 of the size");
        // HEX rectangles keep the quadrature: the exponential kernel does not factor along the sides
        DetectorArray sq = polygons(DetectorType.POLYGON, new double[] {0, 0, 300, 0, 300, 300, 0, 300});
        double[] hex = at(new SearchIntegrals(sq, DetectionFunction.HEX), 0, 20, -30, SIGMA, 1);
        double[] hexQuadrature = at(new SearchIntegrals(sq, DetectionFunction.HEX, false), 0, 20, -30, SIGMA, 1);
        assertEquals(hexQuadrature[0], hex[0], 0, "HEX");
    }

    @Test
    void aRotatedClockwiseSquareGivesTheSameIntegralAsTheAxisAlignedOne() {
        double c = Math.cos(0.6);
        double sn = Math.sin(0.6);
        double[] ring = new double[8];
        double[][] corners = {{0, 0}, {300, 0}, {300, 300}, {0, 300}}; // counter-clockwise ...
        for (int j = 0; j < 4; j++) { // ... written clockwise after rotation about the origin
            double[] v = corners[3 - j];
            ring[2 * j] = c * v[0] - sn * v[1];
            ring[2 * j + 1] = sn * v[0] + c * v[1];
        }
        for (DetectionFunction fn : new DetectionFunction[] {DetectionFunction.HHN, DetectionFunction.HEX}) {
            SearchIntegrals rot = new SearchIntegrals(polygons(DetectorType.POLYGON, ring), fn);
            SearchIntegrals axis = new SearchIntegrals(polygons(DetectorType.POLYGON,
                    new double[] {0, 0, 300, 0, 300, 300, 0, 300}), fn);
            for (double[] p : new double[][] {{150, 150}, {-40, 20}, {310, 290}, {0, 0}, {150, 0}, {20, 340}}) {
                double rx = c * p[0] - sn * p[1];
                double ry = sn * p[0] + c * p[1];
                double[] a = at(axis, 0, p[0], p[1], SIGMA, 1);
                double[] r = at(rot, 0, rx, ry, SIGMA, 1);
                assertEquals(a[0], r[0], Math.max(FLOOR, INTEGRAL * a[0]), fn + " at " + p[0] + "," + p[1]);
                assertEquals(a[1], r[1], 1e-9 * Math.max(1, Math.abs(a[1])), fn + " derivative");
            }
        }
    }

    @Test
    void aNonConvexPolygonIntegratesToTheSumOfItsRectangles() {
        // an L: [0,200]x[0,100] plus [0,100]x[100,200]
        DetectorArray l = polygons(DetectorType.POLYGON, new double[] {0, 0, 200, 0, 200, 100, 100, 100, 100, 200, 0, 200});
        DetectorArray parts = polygons(DetectorType.POLYGON, new double[] {0, 0, 200, 0, 200, 100, 0, 100},
                new double[] {0, 100, 100, 100, 100, 200, 0, 200});
        for (DetectionFunction fn : new DetectionFunction[] {DetectionFunction.HHN, DetectionFunction.HEX}) {
            SearchIntegrals whole = new SearchIntegrals(l, fn);
            SearchIntegrals two = new SearchIntegrals(parts, fn);
            for (double[] p : new double[][] {{150, 150}, {50, 50}, {100, 100}, {-30, 250}, {120, 180}, {100, 150}}) {
                double[] h = new double[2];
                double[] d = new double[2];
                two.integrals(p[0], p[1], SIGMA, h, d, 0);
                double sum = h[0] + h[1];
                double w = at(whole, 0, p[0], p[1], SIGMA, 1)[0];
                assertEquals(sum, w, Math.max(FLOOR, INTEGRAL * sum), fn + " at " + p[0] + "," + p[1]);
                if (fn == DetectionFunction.HHN) {
                    double exact = rectangle(0, 200, 0, 100, p[0], p[1], SIGMA) + rectangle(0, 100, 100, 200, p[0], p[1], SIGMA);
                    assertEquals(exact, w, Math.max(FLOOR, INTEGRAL * exact), "exact at " + p[0] + "," + p[1]);
                }
            }
        }
    }

    @Test
    void theNormalisedKernelIntegratesToOneOverThePlaneAndToAQuarterAtACorner() {
        double big = 60 * SIGMA;
        DetectorArray sq = polygons(DetectorType.POLYGON, new double[] {-big, -big, big, -big, big, big, -big, big});
        for (DetectionFunction fn : new DetectionFunction[] {DetectionFunction.HHN, DetectionFunction.HEX}) {
            SearchIntegrals s = new SearchIntegrals(sq, fn);
            assertEquals(1, at(s, 0, 0, 0, SIGMA, 1)[0], INTEGRAL, fn + " centre");
            assertEquals(0.25, at(s, 0, big, big, SIGMA, 1)[0], INTEGRAL, fn + " corner");
            assertEquals(0.5, at(s, 0, big, 3.7, SIGMA, 1)[0], INTEGRAL, fn + " edge");
            assertEquals(0, at(s, 0, 0, 0, SIGMA, 1)[1], 1e-9, fn + ": d log H/d log sigma with everything inside");
        }
    }

    @Test
    void halfNormalTransectIntegralIsTheNormalProbabilityOfTheSegmentTimesTheOffsetTerm() {
        DetectorArray t = polygons(DetectorType.TRANSECT, new double[] {0, 0, 300, 0, 300, 200});
        SearchIntegrals s = new SearchIntegrals(t, DetectionFunction.HHN);
        for (double[] p : new double[][] {{100, 10}, {-20, -5}, {310, 100}, {150, 0}, {400, 300}}) {
            // segment 1 along x at y = 0; segment 2 along y at x = 300
            double g1 = Math.exp(-p[1] * p[1] / (2 * SIGMA * SIGMA)) * (phi((300 - p[0]) / SIGMA) - phi(-p[0] / SIGMA));
            double dx = 300 - p[0];
            double g2 = Math.exp(-dx * dx / (2 * SIGMA * SIGMA)) * (phi((200 - p[1]) / SIGMA) - phi(-p[1] / SIGMA));
            assertEquals(g1 + g2, at(s, 0, p[0], p[1], SIGMA, 1)[0], INTEGRAL * (g1 + g2));
        }
    }

    /**
     * A half-normal transect segment whose kernel is below e^-40 everywhere along it (more than sqrt(80) sigma
     * from its line) counts 0, as the quadrature cuts the polygons' and HEX transects' kernels; just inside
     * that distance it is the closed form, a normal tail probability kept to its relative precision.
     */
    @Test
    void aHalfNormalTransectBeyondTheCutCountsZeroAndJustInsideItsTailProbability() {
        DetectorArray t = polygons(DetectorType.TRANSECT, new double[] {0, 0, 300, 0});
        SearchIntegrals s = new SearchIntegrals(t, DetectionFunction.HHN);
        double beyond = Math.sqrt(80) * SIGMA * 1.001;
        assertEquals(0, at(s, 0, 150, beyond, SIGMA, 1)[0], 0, "beyond the cut");
        assertEquals(0, at(s, 0, 150, beyond, SIGMA, 1)[1], 0, "its derivative");
        double inside = Math.sqrt(80) * SIGMA * 0.999;
        double[] h = at(s, 0, 150, inside, SIGMA, 1);
        double g = Math.exp(-inside * inside / (2 * SIGMA * SIGMA));
        double expected = g * (phi((300 - 150) / SIGMA) - phi(-150 / SIGMA));
        assertEquals(expected, h[0], INTEGRAL * expected, "just inside");
        // along the line, far beyond one end: both ends in the upper tail
        double[] tail = at(s, 0, 300 + 6 * SIGMA, 0, SIGMA, 1);
        double q = 0.5 * Erf.erfc(6 / Math.sqrt(2)) - 0.5 * Erf.erfc((6 + 300 / SIGMA) / Math.sqrt(2));
        assertEquals(q, tail[0], INTEGRAL * q, "tail");
        // beyond the other end both ends are in the upper tail: 1 - Phi differences would keep 7 digits
        double[] upper = at(s, 0, -6 * SIGMA, 0, SIGMA, 1);
        assertEquals(q, upper[0], INTEGRAL * q, "upper tail");
    }

    @Test
    void exponentialTransectIntegralMatchesSimpsonsRuleAlongTheLine() {
        DetectorArray t = polygons(DetectorType.TRANSECT_X, new double[] {-100, 20, 250, 20});
        SearchIntegrals s = new SearchIntegrals(t, DetectionFunction.HEX);
        for (double[] p : new double[][] {{0, 0}, {100, 20.5}, {300, 60}, {-150, -10}}) {
            int n = 200_000;
            double h = 350.0 / n;
            double sum = 0;
            for (int j = 0; j <= n; j++) {
                double x = -100 + j * h;
                double v = Math.exp(-Math.hypot(x - p[0], 20 - p[1]) / SIGMA);
                sum += v * (j == 0 || j == n ? 1 : j % 2 == 1 ? 4 : 2);
            }
            double expected = sum * h / 3 / (2 * SIGMA);
            assertEquals(expected, at(s, 0, p[0], p[1], SIGMA, 1)[0], 1e-9 * expected, "at " + p[0] + "," + p[1]);
        }
    }

    @Test
    void logSigmaDerivativesMatchCentralDifferences() {
        double[] ring = {0, 0, 200, 0, 200, 100, 100, 100, 100, 200, 0, 200};
        double[] rectangle = {0, 0, 200, 0, 200, 100, 0, 100};
        SearchIntegrals closed = new SearchIntegrals(polygons(DetectorType.POLYGON, rectangle), DetectionFunction.HHN);
        for (double[] p : new double[][] {{150, 150}, {50, 50}, {-30, 250}, {100, 150}, {260, 40}, {0, 0}}) {
            double e = 1e-5;
            double up = Math.log(at(closed, 0, p[0], p[1], SIGMA * Math.exp(e), 1)[0]);
            double down = Math.log(at(closed, 0, p[0], p[1], SIGMA * Math.exp(-e), 1)[0]);
            assertEquals((up - down) / (2 * e), at(closed, 0, p[0], p[1], SIGMA, 1)[1], DERIVATIVE,
                    "rectangle, closed form, at " + p[0] + "," + p[1]);
        }
        for (DetectorType type : new DetectorType[] {DetectorType.POLYGON, DetectorType.TRANSECT}) {
            for (DetectionFunction fn : new DetectionFunction[] {DetectionFunction.HHN, DetectionFunction.HEX}) {
                SearchIntegrals s = new SearchIntegrals(polygons(type, ring), fn);
                for (double[] p : new double[][] {{150, 150}, {50, 50}, {-30, 250}, {100, 150}, {260, 40}}) {
                    double e = 1e-5;
                    double up = Math.log(at(s, 0, p[0], p[1], SIGMA * Math.exp(e), 1)[0]);
                    double down = Math.log(at(s, 0, p[0], p[1], SIGMA * Math.exp(-e), 1)[0]);
                    assertEquals((up - down) / (2 * e), at(s, 0, p[0], p[1], SIGMA, 1)[1], DERIVATIVE,
                            type + " " + fn + " at " + p[0] + "," + p[1]);
                }
            }
        }
    }

    @Test
    void locationDensityIsTheNormalisedKernelWithItsLogSigmaDerivative() {
        double d2 = 300;
        SearchIntegrals poly = new SearchIntegrals(polygons(DetectorType.POLYGON, new double[] {0, 0, 1, 0, 0, 1}),
                DetectionFunction.HHN);
        assertEquals(Math.log(Math.exp(-d2 / (2 * SIGMA * SIGMA)) / (2 * Math.PI * SIGMA * SIGMA)), poly.logDensity(d2, SIGMA), 1e-13);
        SearchIntegrals line = new SearchIntegrals(polygons(DetectorType.TRANSECT, new double[] {0, 0, 1, 0}),
                DetectionFunction.HEX);
        assertEquals(-Math.sqrt(d2) / SIGMA - Math.log(2 * SIGMA), line.logDensity(d2, SIGMA), 1e-13);
        for (SearchIntegrals s : new SearchIntegrals[] {poly, line}) {
            double e = 1e-6;
            double fd = (s.logDensity(d2, SIGMA * Math.exp(e)) - s.logDensity(d2, SIGMA * Math.exp(-e))) / (2 * e);
            assertEquals(fd, s.dLogDensity(d2, SIGMA), 1e-8);
        }
    }

    @Test
    void searchDetectorsRefuseDetectionFunctionsWithoutARadialIntegral() {
        DetectorArray sq = polygons(DetectorType.POLYGON_X, new double[] {0, 0, 1, 0, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SearchIntegrals(sq, DetectionFunction.HN));
        assertEquals(true, e.getMessage().contains("HHN or HEX"), e.getMessage());
    }
}
