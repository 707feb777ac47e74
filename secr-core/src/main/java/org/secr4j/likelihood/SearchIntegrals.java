package org.secr4j.likelihood;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Erf;
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
    private static final double[] NODE;
    private static final double[] WEIGHT;
    static {
        GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(NODES, -1, 1);
        NODE = new double[NODES];
        WEIGHT = new double[NODES];
        for (int i = 0; i < NODES; i++) {
            NODE[i] = g.getPoint(i);
            WEIGHT[i] = g.getWeight(i);
        }
    }

    private final boolean polygon;
    private final boolean halfNormal;
    /** Per detector, its segments: start (ax, ay), end (bx, by). Polygons closed. */
    private final double[][] ax;
    private final double[][] ay;
    private final double[][] bx;
    private final double[][] by;

    SearchIntegrals(DetectorArray detectors, DetectionFunction fn) {
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
        }
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
        for (int k = 0; k < ax.length; k++) {
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
                    double[] r = panels(rho, t1, t2, halfNormal ? Math.max(rho, 1) : Math.max(rho, MIN_PANEL_HEX));
                    value += sign * rho * r[0];
                    dv += sign * rho * r[1];
                } else if (halfNormal) {
                    double g = Math.exp(-rho * rho / 2);
                    double dPhi = phi(t2) - phi(t1);
                    value += g * dPhi;
                    dv += rho * rho * g * dPhi + g * (t1 * density(t1) - t2 * density(t2));
                } else {
                    double[] r = panels(rho, t1, t2, Math.max(rho, MIN_PANEL_HEX));
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
     * \( \int_{t_1}^{t_2} q(\rho, t)\,dt \) and the same integral of its log-sigma companion, where for
     * polygons \( q = F(r)/(\sigma^2 r^2) \) and for HEX transects \( q = k(r) \) (sigma units). Where the
     * kernel is negligible (\( e^{-w} \) or \( e^{-v} \) below \( e^{-40} \), i.e. beyond
     * {@link #cutRadius2}) the polygon integrand is exactly \( 1/r^2 \) (companion \( 2/r^2 \)), whose
     * integral along the edge is \( \arctan(t/\rho)/\rho \): the tails are closed form and only
     * \( |t| \le t_{max} \) is integrated, by Gauss–Legendre on panels {@code [0, L], [L, 3L], [3L, 7L], ...}
     * on each side of the foot.
     */
    private double[] panels(double rho, double t1, double t2, double base) {
        double lo = Math.min(t1, t2);
        double hi = Math.max(t1, t2);
        double s = t2 >= t1 ? 1 : -1;
        double[] acc = new double[2];
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
                    double t = mid + half * NODE[i];
                    double w = WEIGHT[i] * half;
                    double r2 = rho * rho + t * t;
                    if (polygon) {
                        if (halfNormal) {
                            double u = r2 / 2;
                            acc[0] += w * hnRatio(u) / 2;
                            acc[1] += w * hnMoment(u);
                        } else {
                            double v = Math.sqrt(r2);
                            acc[0] += w * exRatio(v);
                            acc[1] += w * exMoment(v);
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

    /** \( (1 - e^{-u})/u \). */
    static double hnRatio(double u) {
        if (u < SERIES) {
            return 1 - u * (1.0 / 2 - u * (1.0 / 6 - u * (1.0 / 24 - u * (1.0 / 120 - u / 720))));
        }
        return -Math.expm1(-u) / u;
    }

    /** \( (1 - (1 + u)e^{-u})/u \). */
    static double hnMoment(double u) {
        if (u < SERIES) {
            return u * (1.0 / 2 - u * (1.0 / 3 - u * (1.0 / 8 - u * (1.0 / 30 - u / 144))));
        }
        return (-Math.expm1(-u) - u * Math.exp(-u)) / u;
    }

    /** \( (1 - e^{-v}(1 + v))/v^2 \). */
    static double exRatio(double v) {
        if (v < SERIES) {
            return 1.0 / 2 - v * (1.0 / 3 - v * (1.0 / 8 - v * (1.0 / 30 - v / 144)));
        }
        return (-Math.expm1(-v) - v * Math.exp(-v)) / (v * v);
    }

    /** \( (2 - e^{-v}(v^2 + 2v + 2))/v^2 \). */
    static double exMoment(double v) {
        if (v < SERIES) {
            return v * (1.0 / 3 - v * (1.0 / 4 - v * (1.0 / 10 - v * (1.0 / 36 - v / 168))));
        }
        return (2 * -Math.expm1(-v) - v * (v + 2) * Math.exp(-v)) / (v * v);
    }

    /**
     * Log of the normalised location density \( k(d)/\text{norm} \) of a detection at squared
     * distance {@code d2} (m²) from the centre (per m² for polygons, per m for transects).
     */
    double logDensity(double d2, double sigma) {
        double logK = halfNormal ? -d2 / (2 * sigma * sigma) : -Math.sqrt(d2) / sigma;
        double norm;
        if (polygon) {
            norm = 2 * Math.PI * sigma * sigma;
        } else {
            norm = halfNormal ? sigma * Math.sqrt(2 * Math.PI) : 2 * sigma;
        }
        return logK - Math.log(norm);
    }

    /** \( \partial \) {@link #logDensity} \( /\partial\log\sigma \). */
    double dLogDensity(double d2, double sigma) {
        double dk = halfNormal ? d2 / (sigma * sigma) : Math.sqrt(d2) / sigma;
        return dk - dimension();
    }

    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    private static double density(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }
}
