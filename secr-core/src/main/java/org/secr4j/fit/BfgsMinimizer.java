package org.secr4j.fit;

/**
 * Quasi-Newton minimisation (BFGS with a backtracking line search under the Armijo condition)
 * using an analytic gradient (Nocedal &amp; Wright 2006, Algorithm 6.1). The search stops where every
 * gradient component is below the gradient tolerance; where the decrease the next full quasi-Newton step
 * promises, \( \tfrac12 g^\top \tilde H^{-1} g \) (half the squared Newton decrement, Boyd &amp; Vandenberghe
 * 2004, §9.5.1), is below the gain tolerance, once \( \tilde H^{-1} \) is a curvature estimate (a seed the
 * caller computed from a Hessian, or at least n updates); or where the decrease a step promises is below what
 * the objective resolves ({@link #RESOLUTION}). Fresh state per call.
 *
 * <p>The gain rule bounds the distance to the minimum in the metric of the Hessian: for a quadratic,
 * \( (x - x^*)^\top H (x - x^*) = g^\top H^{-1} g \), so a gain below \( \tau \) leaves each coordinate
 * within \( \sqrt{2\tau} \) of its standard error (the square root of \( H^{-1} \)'s diagonal) of the minimum.
 * For a log-likelihood at \( \tau = 10^{-10} \) that is 1.4e-5 standard errors.
 *
 * <p>Immutable; thread-safe.
 */
public final class BfgsMinimizer {
    private static final double ARMIJO = 1e-4;
    private static final double SHRINK = 0.5;
    private static final int MAX_BACKTRACK = 40;
    private static final double MAX_STEP = 5.0;
    /**
     * The relative size of a decrease the objective can resolve: where the line search's predicted decrease
     * \( -t\,\nabla f^\top p \) is below {@code RESOLUTION} \( \max(1, |f|) \) and the Armijo test still
     * fails, the minimisation stops ("no further decrease") instead of backtracking on rounding noise.
     */
    static final double RESOLUTION = 1e-13;

    private final int maxIterations;
    private final double gradientTolerance;
    private final double gainTolerance;

    /** A minimiser that stops on the gradient tolerance (no gain rule). */
    public BfgsMinimizer(int maxIterations, double gradientTolerance) {
        this(maxIterations, gradientTolerance, 0);
    }

    /**
     * A minimiser that stops on the gradient tolerance or, once its inverse Hessian is a curvature estimate,
     * where the next step promises a decrease below {@code gainTolerance} (0: never), provided every gradient
     * component is below the square root of the gradient tolerance.
     */
    public BfgsMinimizer(int maxIterations, double gradientTolerance, double gainTolerance) {
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.gainTolerance = gainTolerance;
    }

    /** The outcome of a minimisation. */
    public record Result(double[] x, double value, double[] gradient, boolean converged, int iterations,
            int evaluations, String message) {}

    public Result minimize(Objective f, double[] start) {
        return minimize(f, start, null);
    }

    /**
     * Minimises from {@code start}; {@code initialInverseHessian} (may be null: a scaled identity)
     * seeds the quasi-Newton matrix, e.g. the inverse of a finite-difference Hessian at the start.
     */
    public Result minimize(Objective f, double[] start, double[][] initialInverseHessian) {
        double[] g = new double[start.length];
        double fx = f.valueAndGradient(start.clone(), g);
        return minimize(f, start, fx, g, initialInverseHessian, 1);
    }

    /**
     * {@link #minimize(Objective, double[], double[][])} from a start whose value {@code fStart} and
     * gradient {@code gStart} the caller has already computed (they are not evaluated again and do
     * not count as an evaluation here).
     */
    public Result minimize(Objective f, double[] start, double fStart, double[] gStart, double[][] initialInverseHessian) {
        return minimize(f, start, fStart, gStart, initialInverseHessian, 0);
    }

    private Result minimize(Objective f, double[] start, double fStart, double[] gStart, double[][] initialInverseHessian,
            int evaluations) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = gStart.clone();
        double fx = fStart;
        int evals = evaluations;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, g, false, 0, evals, "objective not finite at the start values");
        }
        double[][] hInv = identity(n);
        boolean scaled = false;
        // updates of the inverse Hessian, or n of them already where it was seeded from a Hessian
        int curvature = initialInverseHessian != null ? n : 0;
        if (initialInverseHessian != null) {
            for (int i = 0; i < n; i++) {
                hInv[i] = initialInverseHessian[i].clone();
            }
            scaled = true;
        }
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] p = new double[n];
        int it = 0;
        while (it < maxIterations) {
            if (maxAbs(g) < gradientTolerance) {
                return new Result(x, fx, g, true, it, evals, "gradient below tolerance");
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s -= hInv[i][j] * g[j];
                }
                p[i] = s;
            }
            double slope = dot(p, g);
            if (curvature >= n && slope < 0 && -0.5 * slope < gainTolerance
                    && maxAbs(g) < Math.sqrt(gradientTolerance)) {
                return new Result(x, fx, g, true, it, evals, "predicted gain below tolerance");
            }
            it++;
            if (!(slope < 0)) { // not a descent direction: restart from steepest descent
                hInv = identity(n);
                curvature = 0;
                for (int i = 0; i < n; i++) {
                    p[i] = -g[i];
                }
                slope = dot(p, g);
            }
            double norm = Math.sqrt(dot(p, p));
            double step = norm > MAX_STEP ? MAX_STEP / norm : 1.0;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACK; b++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * p[i];
                }
                try {
                    fNew = f.valueAndGradient(xNew, gNew);
                } catch (IllegalArgumentException e) { // parameters out of range
                    fNew = Double.NaN;
                }
                evals++;
                if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                if (-step * slope <= RESOLUTION * Math.max(1, Math.abs(fx))) {
                    // the decrease the quadratic model promises is below the objective's rounding: the
                    // Armijo test compares noise, and backtracking further cannot help
                    if (Double.isFinite(fNew) && fNew <= fx) {
                        System.arraycopy(xNew, 0, x, 0, n);
                        System.arraycopy(gNew, 0, g, 0, n);
                        fx = fNew;
                    }
                    return new Result(x, fx, g, maxAbs(g) < Math.sqrt(gradientTolerance), it, evals,
                            "no further decrease");
                }
                step *= SHRINK;
            }
            if (!accepted) {
                return new Result(x, fx, g, maxAbs(g) < Math.sqrt(gradientTolerance), it, evals,
                        "line search failed to decrease the objective");
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                if (!scaled) { // Nocedal & Wright (6.20): scale the first inverse Hessian
                    double gamma = sy / dot(y, y);
                    for (int i = 0; i < n; i++) {
                        hInv[i][i] = gamma;
                    }
                    scaled = true;
                }
                bfgsUpdate(hInv, s, y, sy);
                curvature++;
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            double fOld = fx;
            fx = fNew;
            if (Math.abs(fOld - fx) <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) < Math.sqrt(gradientTolerance)) {
                return new Result(x, fx, g, true, it, evals, "no further decrease");
            }
        }
        return new Result(x, fx, g, maxAbs(g) < gradientTolerance, it, evals, "iteration limit reached");
    }

    private static void bfgsUpdate(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                hy[i] += h[i][j] * y[j];
            }
        }
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
