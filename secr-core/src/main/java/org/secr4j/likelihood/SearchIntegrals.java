package org.secr4j.likelihood;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.secr4j.detector.DetectorArray;
import org.secr4j.model.DetectionFunction;
import org.secr4j.util.Checks;

/**
 * The detection kernel of search detectors (polygons and transects) integrated over each
 * detector, as a function of an animal's centre (Efford 2011; secr's {@code polygon},
 * {@code polygonX}, {@code transect}, {@code transectX} detectors).
 *
 * <p>With the radial kernel \( k(r) = e^{-r^2/2\sigma^2} \) (HHN) or \( e^{-r/\sigma} \) (HEX)
 * normalised by its integral over the whole plane (polygons, \( 2\pi\sigma^2 \) for both) or along
 * an infinite line through the centre (transects, \( \sigma\sqrt{2\pi} \) or \( 2\sigma \)), the
 * expected number of detections of an animal at \( x \) on one occasion in detector \( k \) is
 * \( \lambda_0 u_k H_k(x) \) with \( H_k(x) = \int_k k(|v - x|)\,dv / \text{norm} \), and a
 * detection at \( y \) has the location density \( \lambda_0 k(|y-x|)/\text{norm} \) per m² (per m
 * on a transect); \( \lambda_0 \) is the expected number of detections per occasion of an animal
 * whose whole range is searched.
 *
 * <p>Polygons: the integral is a signed sum over edges of the triangles (x, v_i, v_{i+1}); in polar
 * co-ordinates about \( x \) a triangle is \( \int_{t_1}^{t_2} p\,F(r)/r^2\,dt \) along its edge,
 * \( p \) the edge line's distance from x, \( r^2 = p^2 + t^2 \) and \( F(R) = \int_0^R k(r) r\,dr \)
 * (\( \sigma^2(1 - e^{-R^2/2\sigma^2}) \) or \( \sigma^2(1 - e^{-R/\sigma}(1 + R/\sigma)) \)), a smooth
 * bounded integrand, integrated by Gauss–Legendre rules on panels that double in width away from
 * the foot of the perpendicular. Exact for any simple polygon, convex or not. HHN transects are
 * closed form (\( e^{-p^2/2\sigma^2}[\Phi(t_2/\sigma) - \Phi(t_1/\sigma)] \) per segment); HEX
 * transects use the same panels.
 *
 * <p>A rectangle (in any orientation) with HHN needs no quadrature: the kernel is the density of a
 * circular normal about \( x \), which factors along the rectangle's two sides, so with \( a, b \)
 * the coordinates of \( x \) along them from a corner and \( A, B \) their lengths,
 * \( H(x) = [\Phi(\frac{A - a}{\sigma}) - \Phi(\frac{-a}{\sigma})][\Phi(\frac{B - b}{\sigma}) - \Phi(\frac{-b}{\sigma})] \),
 * and \( \partial[\Phi(z_2) - \Phi(z_1)]/\partial\log\sigma = z_1\phi(z_1) - z_2\phi(z_2) \). Quadrats and
 * search plots are mostly rectangles; four {@code erfc} per centre replace some 300 exponentials.
 *
 * <p>Derivatives with respect to \( \log\sigma \) come from the same nodes:
 * \( \partial H/\partial\log\sigma = -\dim\cdot H + \int (\partial\log k/\partial\log\sigma)\,k/\text{norm} \),
 * with \( \partial\log k/\partial\log\sigma = r^2/\sigma^2 \) (HHN) or \( r/\sigma \) (HEX).
 *
 * <p>Immutable; thread-safe.
 */
final class SearchIntegrals {
    /** Gauss–Legendre nodes per panel. */
    static final int NODES = 10;
    /** Below this argument the radial ratios are evaluated by their series. */
    private static final double SERIES = 0.05;
    /** Smallest first panel (in units of sigma) for HEX, whose integrand has a kink of width p at the foot. */
    private static final double MIN_PANEL_HEX = 1e-3;
    /** The kernel's exponent (w for HHN, v for HEX) beyond which it counts as 0 (e^-40 = 4e-18). */
    private static final double CUT = 40;
    /**
     * The Gauss–Legendre rule, built on first use (rectangles with HHN and HHN transects never need it):
     * commons-math's double-precision rule, within an ulp of its high-precision one, which took 0.1 s of a
     * fresh JVM's start (BigDecimal arithmetic).
     */
    private static final class Rule {
        static final double[] NODE = new double[NODES];
        static final double[] WEIGHT = new double[NODES];

        static {
            GaussIntegrator g = new GaussIntegratorFactory().legendre(NODES, -1, 1);
            for (int i = 0; i < NODES; i++) {
                NODE[i] = g.getPoint(i);
                WEIGHT[i] = g.getWeight(i);
            }
        }
    }

    private final boolean polygon;
    private final boolean halfNormal;
    /** Per detector, its segments: start (ax, ay), end (bx, by). Polygons closed. */
    private final double[][] ax;
    private final double[][] ay;
    private final double[][] bx;
    private final double[][] by;
    /**
     * Per detector, its rectangle {@code {x0, y0, ux, uy, A, B}} (a corner, the unit vector along its first
     * side, whose length is A, and the second side's length B, which runs along (−uy, ux) or its opposite,
     * B then negative) for the closed form; null for any other shape, or with HEX, or for transects.
     */
    private final double[][] rectangle;
    /**
     * Per detector, its rectangle with sides along the axes {@code {xlo, xhi, ylo, yhi}}, whose two factors
     * depend on the centre's x and y alone ({@link #boxFactor}); null for any other.
     */
    private final double[][] box;
    /** Whether every detector has a {@link #box}. */
    private final boolean boxes;

    SearchIntegrals(DetectorArray detectors, DetectionFunction fn) {
        this(detectors, fn, true);
    }

    /**
     * @param closedForm whether HHN rectangles take the closed form (false: the quadrature for every polygon,
     *        to test one against the other)
     */
    SearchIntegrals(DetectorArray detectors, DetectionFunction fn, boolean closedForm) {
        Checks.require(detectors.type().isSearch(), "%s detectors are points", detectors.type().secrName());
        Checks.require(fn == DetectionFunction.HHN || fn == DetectionFunction.HEX,
                "%s detectors need a hazard detection function with a closed-form radial integral: HHN or HEX, not %s",
                detectors.type().secrName(), fn);
        this.polygon = detectors.type().isPolygon();
        this.halfNormal = fn == DetectionFunction.HHN;
        int K = detectors.size();
        ax = new double[K][];
        ay = new double[K][];
        bx = new double[K][];
        by = new double[K][];
        rectangle = new double[K][];
        box = new double[K][];
        boolean allBoxes = true;
        for (int k = 0; k < K; k++) {
            double[] vx = detectors.vertexX(k);
            double[] vy = detectors.vertexY(k);
            int n = polygon ? vx.length : vx.length - 1;
            ax[k] = new double[n];
            ay[k] = new double[n];
            bx[k] = new double[n];
            by[k] = new double[n];
            for (int e = 0; e < n; e++) {
                int f = (e + 1) % vx.length;
                ax[k][e] = vx[e];
                ay[k][e] = vy[e];
                bx[k][e] = vx[f];
                by[k][e] = vy[f];
            }
            if (polygon && halfNormal && closedForm) {
                rectangle[k] = rectangle(vx, vy);
            }
            if (rectangle[k] != null && (rectangle[k][2] == 0 || rectangle[k][3] == 0)) {
                box[k] = new double[] {min(vx), max(vx), min(vy), max(vy)};
            }
            allBoxes &= box[k] != null;
        }
        this.boxes = allBoxes;
    }

    private static double min(double[] v) {
        double m = v[0];
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = v[0];
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Whether every detector is a rectangle with sides along the axes (with HHN), so that {@link #boxFactor} applies. */
    boolean boxes() {
        return boxes;
    }

    /**
     * Detector k's factor of a {@link #box} along x ({@code axis} 0) or y (1) for a centre at coordinate
     * {@code c} on that axis: \( P = \Phi(\frac{hi - c}{\sigma}) - \Phi(\frac{lo - c}{\sigma}) \) into
     * {@code out[o]} and \( \partial\log P/\partial\log\sigma \) into {@code out[o + 1]} (0 where P is 0).
     * \( H_k \) is the product of the two factors, and \( \partial\log H_k/\partial\log\sigma \) the sum of
     * their log-derivatives (0 where H is 0), as {@link #integrals} computes them.
     */
    void boxFactor(int k, int axis, double c, double sigma, double[] out, int o) {
        double p = boxProbability(k, axis, c, sigma);
        out[o] = p;
        out[o + 1] = boxLogDerivative(k, axis, c, sigma, p);
    }

    /** The factor P of {@link #boxFactor}. */
    private double boxProbability(int k, int axis, double c, double sigma) {
        return probability((box[k][2 * axis] - c) / sigma, (box[k][2 * axis + 1] - c) / sigma);
    }

    /** \( \partial\log P/\partial\log\sigma \) of {@link #boxFactor}, given P (0 where P is 0). */
    private double boxLogDerivative(int k, int axis, double c, double sigma, double p) {
        return logDerivative((box[k][2 * axis] - c) / sigma, (box[k][2 * axis + 1] - c) / sigma, p);
    }

    /**
     * A rectangle's \( H = f_x f_y \) into {@code h[i]} and \( \partial\log H/\partial\log\sigma = r_x + r_y \) into
     * {@code dlogH[i]} (0 where H is 0), from its two factors and their log-derivatives: the one product that
     * the closed forms (point by point, and {@link SessionKernel}'s column and row factors) compute.
     */
    static void product(double fx, double rx, double fy, double ry, double[] h, double[] dlogH, int i) {
        double hk = fx * fy;
        h[i] = hk;
        dlogH[i] = hk > 0 ? rx + ry : 0;
    }

    /** Relative tolerance of {@link #rectangle}'s tests (parallel opposite sides, a right angle). */
    static final double RECTANGLE_TOLERANCE = 1e-12;

    /**
     * {@code {x0, y0, ux, uy, A, B}} (see {@link #rectangle}) when the ring of vertices is a rectangle, its
     * opposite sides equal and its corners right angles to {@link #RECTANGLE_TOLERANCE} of its size; else null.
     */
    static double[] rectangle(double[] vx, double[] vy) {
        if (vx.length != 4) {
            return null;
        }
        double e0x = vx[1] - vx[0];
        double e0y = vy[1] - vy[0];
        double e1x = vx[2] - vx[1];
        double e1y = vy[2] - vy[1];
        double a = Math.hypot(e0x, e0y);
        double b = Math.hypot(e1x, e1y);
        double size = Math.max(a, b);
        double tol = RECTANGLE_TOLERANCE * size;
        boolean parallelogram = Math.abs(vx[3] - vx[2] + e0x) <= tol && Math.abs(vy[3] - vy[2] + e0y) <= tol
                && Math.abs(vx[0] - vx[3] + e1x) <= tol && Math.abs(vy[0] - vy[3] + e1y) <= tol;
        if (!parallelogram || Math.abs(e0x * e1x + e0y * e1y) > RECTANGLE_TOLERANCE * a * b || a == 0 || b == 0) {
            return null;
        }
        double ux = e0x / a;
        double uy = e0y / a;
        // the second side along (-uy, ux) (counter-clockwise ring) or against it (clockwise)
        double sideB = -uy * e1x + ux * e1y >= 0 ? b : -b;
        return new double[] {vx[0], vy[0], ux, uy, a, sideB};
    }

    /** 2 for polygons, 1 for transects: the power of sigma in the kernel's normalising constant. */
    int dimension() {
        return polygon ? 2 : 1;
    }

    /**
     * \( H_k(x) \) and \( \partial\log H_k/\partial\log\sigma \) of every detector at centre
     * {@code (px, py)}, into {@code h[offset + k]} and {@code dlogH[offset + k]} (0 where H is 0).
     */
    void integrals(double px, double py, double sigma, double[] h, double[] dlogH, int offset) {
        integrals(px, py, sigma, h, dlogH, offset, new double[2]);
    }

    /** {@link #integrals(double, double, double, double[], double[], int)} with the quadrature's two sums in {@code work}. */
    void integrals(double px, double py, double sigma, double[] h, double[] dlogH, int offset, double[] work) {
        for (int k = 0; k < ax.length; k++) {
            if (box[k] != null) {
                double fx = boxProbability(k, 0, px, sigma);
                double fy = boxProbability(k, 1, py, sigma);
                product(fx, boxLogDerivative(k, 0, px, sigma, fx), fy, boxLogDerivative(k, 1, py, sigma, fy), h, dlogH,
                        offset + k);
                continue;
            }
            if (rectangle[k] != null) {
                rectangleIntegral(rectangle[k], px, py, sigma, h, dlogH, offset + k);
                continue;
            }
            double value = 0;
            double dv = 0;
            for (int e = 0; e < ax[k].length; e++) {
                double sx = (ax[k][e] - px) / sigma;
                double sy = (ay[k][e] - py) / sigma;
                double ex = (bx[k][e] - px) / sigma;
                double ey = (by[k][e] - py) / sigma;
                double lx = ex - sx;
                double ly = ey - sy;
                double len = Math.hypot(lx, ly);
                double ux = lx / len;
                double uy = ly / len;
                double cross = sx * ly - sy * lx; // twice the signed area of (x, a, b), in sigma units
                double rho = Math.abs(cross) / len; // distance of the edge line from x
                double t1 = sx * ux + sy * uy; // positions of a and b along the edge from the foot
                double t2 = ex * ux + ey * uy;
                if (polygon) {
                    if (rho == 0) {
                        continue; // x on the edge line: the triangle has no area
                    }
                    double sign = Math.signum(cross);
                    double[] r = panels(rho, t1, t2, halfNormal ? Math.max(rho, 1) : Math.max(rho, MIN_PANEL_HEX), work);
                    value += sign * rho * r[0];
                    dv += sign * rho * r[1];
                } else if (halfNormal) {
                    if (rho * rho / 2 > CUT) {
                        continue; // the kernel is below e^-40 along the whole segment (as the quadrature cuts it)
                    }
                    double g = Math.exp(-rho * rho / 2);
                    double dPhi = probability(t1, t2); // t1 < t2: b lies ahead of a
                    value += g * dPhi;
                    dv += rho * rho * g * dPhi + g * derivative(t1, t2);
                } else {
                    double[] r = panels(rho, t1, t2, Math.max(rho, MIN_PANEL_HEX), work);
                    value += r[0];
                    dv += r[1];
                }
            }
            double hk;
            double dk;
            if (!polygon && halfNormal) { // already normalised by sigma sqrt(2 pi), dv its derivative
                hk = value;
                dk = dv;
            } else {
                double norm = polygon ? 2 * Math.PI : 2;
                hk = Math.abs(value) / norm; // a clockwise ring sums to minus the integral
                dk = Math.signum(value) * dv / norm - dimension() * hk;
            }
            h[offset + k] = hk;
            dlogH[offset + k] = hk > 0 ? dk / hk : 0;
        }
    }

    /**
     * The closed form of a rectangle (class Javadoc): \( H \) into {@code h[i]}, \( \partial\log H/\partial\log\sigma \)
     * into {@code dlogH[i]} (0 where H is 0).
     */
    private static void rectangleIntegral(double[] r, double px, double py, double sigma, double[] h, double[] dlogH,
            int i) {
        double dx = px - r[0];
        double dy = py - r[1];
        double along = (dx * r[2] + dy * r[3]) / sigma; // the centre's coordinates in the rectangle's frame
        double across = (-dx * r[3] + dy * r[2]) / sigma;
        double sideA = r[4] / sigma;
        double sideB = r[5] / sigma;
        double u1 = -along;
        double u2 = sideA - along;
        double w1 = Math.min(-across, sideB - across);
        double w2 = Math.max(-across, sideB - across);
        double pu = probability(u1, u2);
        double pw = probability(w1, w2);
        product(pu, logDerivative(u1, u2, pu), pw, logDerivative(w1, w2, pw), h, dlogH, i);
    }

    /**
     * \( \Phi(z_2) - \Phi(z_1) \), \( z_1 \le z_2 \): the difference of upper tails when both are positive and
     * of lower tails when both are negative, so that it keeps its relative precision far from the interval.
     */
    static double probability(double z1, double z2) {
        if (z1 >= 0) {
            return NormalTail.upper(z1) - NormalTail.upper(z2);
        } else if (z2 <= 0) {
            return NormalTail.upper(-z2) - NormalTail.upper(-z1);
        }
        return 1 - NormalTail.upper(z2) - NormalTail.upper(-z1);
    }

    /** \( \partial[\Phi(z_2) - \Phi(z_1)]/\partial\log\sigma = z_1\phi(z_1) - z_2\phi(z_2) \), with \( z = c/\sigma \). */
    static double derivative(double z1, double z2) {
        return z1 * NormalTail.density(z1) - z2 * NormalTail.density(z2);
    }

    /** \( \partial\log[\Phi(z_2) - \Phi(z_1)]/\partial\log\sigma \) given the difference p ({@link #probability}); 0 where p is 0. */
    static double logDerivative(double z1, double z2, double p) {
        return p > 0 ? derivative(z1, z2) / p : 0;
    }

    /**
     * \( \int_{t_1}^{t_2} q(\rho, t)\,dt \) and the same integral of its log-sigma companion, where for
     * polygons \( q = F(r)/(\sigma^2 r^2) \) and for HEX transects \( q = k(r) \) (sigma units). Where the
     * kernel is negligible (\( e^{-w} \) or \( e^{-v} \) below \( e^{-40} \), i.e. beyond
     * {@link #cutRadius2}) the polygon integrand is exactly \( 1/r^2 \) (companion \( 2/r^2 \)), whose
     * integral along the edge is \( \arctan(t/\rho)/\rho \): the tails are closed form and only
     * \( |t| \le t_{max} \) is integrated, by Gauss–Legendre on panels {@code [0, L], [L, 3L], [3L, 7L], ...}
     * on each side of the foot. The two integrals go to {@code acc}, which is returned.
     */
    private double[] panels(double rho, double t1, double t2, double base, double[] acc) {
        double lo = Math.min(t1, t2);
        double hi = Math.max(t1, t2);
        double s = t2 >= t1 ? 1 : -1;
        acc[0] = 0;
        acc[1] = 0;
        double r2 = cutRadius2() - rho * rho;
        double tmax = r2 > 0 ? Math.sqrt(r2) : 0;
        if (hi > 0 && tmax > 0 && lo < tmax) {
            side(rho, Math.max(lo, 0), Math.min(hi, tmax), base, acc);
        }
        if (lo < 0 && tmax > 0 && -hi < tmax) {
            side(rho, Math.max(-hi, 0), Math.min(-lo, tmax), base, acc); // the integrand is even in t
        }
        if (polygon) { // the tails beyond tmax, where q = 1/r^2
            double tail = tailAngle(rho, lo, hi, tmax);
            acc[0] += tail / rho;
            acc[1] += 2 * tail / rho;
        }
        acc[0] *= s;
        acc[1] *= s;
        return acc;
    }

    /** \( \int \rho/(\rho^2 + t^2)\,dt \) over the parts of [lo, hi] beyond \( \pm t_{max} \). */
    private static double tailAngle(double rho, double lo, double hi, double tmax) {
        double a = 0;
        if (hi > tmax) {
            a += Math.atan(hi / rho) - Math.atan(Math.max(lo, tmax) / rho);
        }
        if (lo < -tmax) {
            a += Math.atan(Math.min(hi, -tmax) / rho) - Math.atan(lo / rho);
        }
        return a;
    }

    /** Squared radius (sigma units) beyond which the kernel is below \( e^{-40} \) of its value at 0. */
    private double cutRadius2() {
        return halfNormal ? 2 * CUT : CUT * CUT;
    }

    /** Adds the integrals over [a, b] (0 <= a < b) using panels anchored at 0. */
    private void side(double rho, double a, double b, double base, double[] acc) {
        double left = 0;
        double width = base;
        while (left < b) {
            double right = left + width;
            double from = Math.max(left, a);
            double to = Math.min(right, b);
            if (to > from) {
                double mid = (from + to) / 2;
                double half = (to - from) / 2;
                for (int i = 0; i < NODES; i++) {
                    double t = mid + half * Rule.NODE[i];
                    double w = Rule.WEIGHT[i] * half;
                    double r2 = rho * rho + t * t;
                    if (polygon) {
                        // one exponential per node, shared by the integrand and its companion
                        if (halfNormal) {
                            double u = r2 / 2;
                            double e = u < SERIES ? 0 : Math.exp(-u);
                            acc[0] += w * hnRatio(u, e) / 2;
                            acc[1] += w * hnMoment(u, e);
                        } else {
                            double v = Math.sqrt(r2);
                            double e = v < SERIES ? 0 : Math.exp(-v);
                            acc[0] += w * exRatio(v, e);
                            acc[1] += w * exMoment(v, e);
                        }
                    } else {
                        double v = Math.sqrt(r2);
                        double e = Math.exp(-v);
                        acc[0] += w * e;
                        acc[1] += w * v * e;
                    }
                }
            }
            left = right;
            width *= 2;
        }
    }

    /**
     * \( (1 - e^{-u})/u \), given \( e = e^{-u} \) (unused below {@link #SERIES}, where the series holds; above it
     * \( 1 - e \) is as exact as {@code -expm1(-u)} to a few ulps, since \( 1 - e \ge 0.049 \)).
     */
    static double hnRatio(double u, double e) {
        if (u < SERIES) {
            return 1 - u * (1.0 / 2 - u * (1.0 / 6 - u * (1.0 / 24 - u * (1.0 / 120 - u / 720))));
        }
        return (1 - e) / u;
    }

    /** \( (1 - (1 + u)e^{-u})/u \), given \( e = e^{-u} \) (as {@link #hnRatio}). */
    static double hnMoment(double u, double e) {
        if (u < SERIES) {
            return u * (1.0 / 2 - u * (1.0 / 3 - u * (1.0 / 8 - u * (1.0 / 30 - u / 144))));
        }
        return (1 - e - u * e) / u;
    }

    /** \( (1 - e^{-v}(1 + v))/v^2 \), given \( e = e^{-v} \) (as {@link #hnRatio}). */
    static double exRatio(double v, double e) {
        if (v < SERIES) {
            return 1.0 / 2 - v * (1.0 / 3 - v * (1.0 / 8 - v * (1.0 / 30 - v / 144)));
        }
        return (1 - e - v * e) / (v * v);
    }

    /** \( (2 - e^{-v}(v^2 + 2v + 2))/v^2 \), given \( e = e^{-v} \) (as {@link #hnRatio}). */
    static double exMoment(double v, double e) {
        if (v < SERIES) {
            return v * (1.0 / 3 - v * (1.0 / 4 - v * (1.0 / 10 - v * (1.0 / 36 - v / 168))));
        }
        return (2 * (1 - e) - v * (v + 2) * e) / (v * v);
    }

    /**
     * Log of the normalised location density \( k(d)/\text{norm} \) of a detection at squared
     * distance {@code d2} (m²) from the centre (per m² for polygons, per m for transects).
     */
    double logDensity(double d2, double sigma) {
        return -valueScale(sigma) * radialArgument(d2) - logNorm(sigma);
    }

    /** \( \partial \) {@link #logDensity} \( /\partial\log\sigma \). */
    double dLogDensity(double d2, double sigma) {
        return derivativeScale(sigma) * radialArgument(d2) - dimension();
    }

    /**
     * The distance term of the log kernel, \( \log k = -\)(this){@code  * }{@link #valueScale}: \( d^2 \) for HHN,
     * \( d \) for HEX (given \( d^2 \)).
     */
    double radialArgument(double d2) {
        return halfNormal ? d2 : Math.sqrt(d2);
    }

    /** \( 1/2\sigma^2 \) (HHN) or \( 1/\sigma \) (HEX): \( \log k = -\)(this) {@link #radialArgument}. */
    double valueScale(double sigma) {
        return halfNormal ? 1 / (2 * sigma * sigma) : 1 / sigma;
    }

    /** \( 1/\sigma^2 \) (HHN) or \( 1/\sigma \) (HEX): \( \partial\log k/\partial\log\sigma = \)(this) {@link #radialArgument}. */
    double derivativeScale(double sigma) {
        return halfNormal ? 1 / (sigma * sigma) : 1 / sigma;
    }

    /**
     * \( \log \) of the kernel's normalising constant: \( 2\pi\sigma^2 \) for polygons, \( \sigma\sqrt{2\pi} \) (HHN)
     * or \( 2\sigma \) (HEX) for transects.
     */
    double logNorm(double sigma) {
        double norm;
        if (polygon) {
            norm = 2 * Math.PI * sigma * sigma;
        } else {
            norm = halfNormal ? sigma * Math.sqrt(2 * Math.PI) : 2 * sigma;
        }
        return Math.log(norm);
    }

}
