package org.secr4j.fit;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.model.Link;
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;
import org.secr4j.util.Checks;

/**
 * Profile-likelihood confidence intervals (Venzon &amp; Moolgavkar 1988; secr's
 * {@code confint(…, method = "profile")} idea): the interval of \( \beta_j \) is the set of values
 * \( v \) with \( 2(\hat\ell - \max_{\beta_{-j}} \ell(v, \beta_{-j})) \le \chi^2_{1,1-\alpha} \). The other
 * coefficients are re-maximised by BFGS with the analytic gradient; the bounds are found by Brent's
 * method after bracketing from the Wald interval outwards.
 *
 * <p>Immutable; thread-safe (each call builds its own likelihood).
 */
public final class ProfileLikelihood {
    private static final int MAX_BRACKET_STEPS = 30;
    private static final double SOLVER_ACCURACY = 1e-6;

    private ProfileLikelihood() {}

    /** An interval with the profile log-likelihood deficit at each bound (≈ χ²/2 when found). */
    public record Interval(double lower, double upper) {}

    /** The {@code level} interval of coefficient {@code j} (link scale); NaN bounds where no bracket was found. */
    public static Interval coefficient(FittedModel fit, int j, double level) {
        Checks.require(j >= 0 && j < fit.parameterCount(), "coefficient %d out of range (%d coefficients)", j,
                fit.parameterCount());
        Checks.require(level > 0 && level < 1, "level must be in (0,1) but was %s", level);
        double q = new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(level);
        double[] mle = fit.beta();
        double best = fit.logLikelihood();
        double se = fit.coefficients().get(j).se();
        double step = Double.isFinite(se) && se > 0 ? se : 0.1 * Math.abs(mle[j]) + 0.1;
        try (SecrLikelihood l = SecrLikelihood.of(fit.captureHistory(), fit.masks(), fit.layout(), fit.likelihoodOptions())) {
            Profile prof = new Profile(l, mle, j);
            double lower = bound(prof, mle[j], -step, best, q);
            prof.reset(mle);
            double upper = bound(prof, mle[j], step, best, q);
            return new Interval(lower, upper);
        }
    }

    /**
     * The {@code level} interval of real parameter {@code p} whose formula is {@code ~ 1}
     * (back-transformed from its coefficient's interval).
     */
    public static Interval real(FittedModel fit, RealParameter p, double level) {
        Checks.require(fit.layout().columns(p) == 1, "%s has %d coefficients; profile its coefficients instead",
                p.secrName(), fit.layout().columns(p));
        Interval i = coefficient(fit, fit.layout().indexOf(p), level);
        Link link = fit.layout().link(p);
        double a = link.fromLink(i.lower());
        double b = link.fromLink(i.upper());
        return new Interval(Math.min(a, b), Math.max(a, b));
    }

    private static double bound(Profile prof, double center, double step, double best, double q) {
        double inside = center;
        for (int k = 1; k <= MAX_BRACKET_STEPS; k++) {
            double v = center + step * k;
            double f = 2 * (best - prof.at(v)) - q;
            if (f > 0) {
                double lo = Math.min(inside, v);
                double hi = Math.max(inside, v);
                return new BrentSolver(SOLVER_ACCURACY).solve(200, x -> 2 * (best - prof.at(x)) - q, lo, hi);
            }
            inside = v;
        }
        return Double.NaN;
    }

    /** The profile log-likelihood of one coefficient, warm-started from the last solution. Not thread-safe. */
    private static final class Profile {
        private final SecrLikelihood l;
        private final int j;
        private double[] last;

        Profile(SecrLikelihood l, double[] start, int j) {
            this.l = l;
            this.j = j;
            reset(start);
        }

        void reset(double[] start) {
            last = new double[start.length - 1];
            for (int i = 0, r = 0; i < start.length; i++) {
                if (i != j) {
                    last[r++] = start[i];
                }
            }
        }

        double at(double v) {
            int n = last.length + 1;
            double[] full = new double[n];
            double[] g = new double[n];
            Objective f = (x, grad) -> {
                for (int i = 0, r = 0; i < n; i++) {
                    full[i] = i == j ? v : x[r++];
                }
                double value = -l.valueAndGradient(full, g);
                for (int i = 0, r = 0; i < n; i++) {
                    if (i != j) {
                        grad[r++] = -g[i];
                    }
                }
                return value;
            };
            if (last.length == 0) {
                return -f.valueAndGradient(new double[0], new double[0]);
            }
            BfgsMinimizer.Result res = new BfgsMinimizer(200, 1e-6).minimize(f, last);
            last = res.x();
            return -res.value();
        }
    }
}
