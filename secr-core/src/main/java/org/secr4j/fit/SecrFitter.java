package org.secr4j.fit;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.ModelSpec;
import org.secr4j.result.CoarseStage;
import org.secr4j.result.FitDiagnostics;
import org.secr4j.result.FittedModel;
import org.secr4j.result.HessianMethod;
import org.secr4j.result.HessianStatus;
import org.secr4j.util.Checks;

/**
 * Fits an SECR model by maximum likelihood: spec → layout → likelihood → start values → the coarse stage
 * ({@link CoarseFit}: the same model fitted on thinned masks, where thinning halves the points and
 * {@link FitOptions#coarseFit()}) → BFGS with the analytic gradient from the coarse estimate, seeded with the
 * inverse of the coarse Hessian there (or, without a coarse stage, from the start values, seeded with the inverse
 * of a forward-difference Hessian at the start, n gradient calls; either eigenvalue-modified where it is not
 * positive definite: {@link #seedInverseHessian}) → Hessian at the
 * MLE by forward differences of the analytic gradient from the optimizer's own gradient there (n calls), by central
 * differences (2n calls) or by nlm's forward differences of values ({@link HessianMethod}) → covariance (inverse Hessian, by
 * Cholesky) → {@link FittedModel}. The evaluation at the MLE reported with the fit is the optimizer's
 * own (not repeated).
 *
 * <p>Immutable; thread-safe (each call builds its own likelihood).
 */
public final class SecrFitter {
    /** Relative step of the central differences of the gradient that form the Hessian, and of the start's forward ones. */
    static final double HESSIAN_STEP = 1e-4;
    /** Relative step of the forward differences of the gradient at the MLE ({@link HessianMethod#FORWARD}). */
    static final double FORWARD_HESSIAN_STEP = 1e-6;
    private final FitOptions options;

    private SecrFitter(FitOptions options) {
        this.options = options;
    }

    public static SecrFitter with(FitOptions options) {
        return new SecrFitter(options);
    }

    /** Fits {@code spec} to {@code history} over {@code masks} (one per session, or one for all). */
    public FittedModel fit(CaptureHistory history, List<HabitatMask> masks, ModelSpec spec) {
        long t0 = System.nanoTime();
        LikelihoodOptions lo = options.likelihood();
        // a class, not a lambda: no invokedynamic linkage in a fresh JVM's fit (SessionKernel's SUM_DOUBLES)
        java.util.function.Function<List<HabitatMask>, ParameterLayout> bind = new java.util.function.Function<>() {
            @Override
            public ParameterLayout apply(List<HabitatMask> ms) {
                ParameterLayout l = ParameterLayout.bind(spec, options.detectionFunction(), lo.likelihoodType(),
                        java.util.Map.of(), history, options.fixed(), options.hcov(), ms, options.extraCovariates());
                return options.dlambda() ? l.withDlambda() : l;
            }
        };
        ParameterLayout layout = bind.apply(masks);
        List<String> warnings = new ArrayList<>();
        for (Session s : history.sessions()) {
            if (s.detectors().type() == DetectorType.SINGLE) {
                warnings.add("session '" + s.id() + "': multi-catch likelihood used for single-catch traps");
            }
            if (lo.binomN() != 0 && s.detectors().type() != DetectorType.COUNT) {
                warnings.add("session '" + s.id() + "': binomN applies to count detectors only; ignored for "
                        + s.detectors().type().secrName());
            }
        }
        // the stages on thinned masks (about 600 points) run on one thread: there a second one costs more than it
        // saves (fresh-JVM captdata EX and HR fits at two threads, benchmarks/RESULTS.md); results are the same
        // bits for any number of threads, so only the time changes
        LikelihoodOptions small = lo.withThreads(1);
        double[] start = options.start();
        // the start values and the coarse stage before the full masks' likelihood is built: the likelihood's
        // construction then runs compiled code warmed on the small masks (fresh-JVM fits of the small reference
        // surveys 10-20% faster than with the full likelihood built first, benchmarks/RESULTS.md); the start values'
        // intercept climb runs on the coarse stage's likelihood where the model allows, so that the thinned masks'
        // likelihood is built once
        CoarseFit.Outcome coarse = null;
        try (CoarseFit.Stage stage = options.coarseFit()
                ? CoarseFit.prepare(history, masks, bind, layout.coefficientNames(), small)
                : null) {
            if (start == null) {
                start = StartValues.compute(history, masks, layout, small, stage);
            }
            Checks.require(start.length == layout.size(), "%d start values for %d coefficients %s", start.length,
                    layout.size(), layout.coefficientNames());
            if (stage != null) {
                coarse = CoarseFit.run(stage, start, options.maxIterations(), options.gradientTolerance(),
                        options.gainTolerance());
            }
        }
        try (SecrLikelihood likelihood = SecrLikelihood.of(history, masks, layout, lo)) {
            int[] evals = {0};
            EvaluationMemo memo = new EvaluationMemo();
            Objective negLogLik = negativeLogLikelihood(likelihood, evals, memo);
            double[] s0 = start;
            double[] g0 = new double[s0.length];
            double f0 = Double.NaN;
            double[][] h0 = null;
            boolean coarseUsed = false;
            if (coarse != null && coarse.found()) {
                f0 = negLogLik.valueAndGradient(coarse.estimate().clone(), g0);
                coarseUsed = Double.isFinite(f0);
                if (coarseUsed) {
                    s0 = coarse.estimate();
                    h0 = coarse.inverseHessianSeed();
                }
            }
            if (!coarseUsed) {
                f0 = negLogLik.valueAndGradient(s0.clone(), g0);
                h0 = Double.isFinite(f0) ? seedInverseHessian(forwardHessian(negLogLik, s0, g0, HESSIAN_STEP,
                        densityColumns(likelihood, memo, s0))) : null;
            }
            BfgsMinimizer.Result r = new BfgsMinimizer(options.maxIterations(), options.gradientTolerance(),
                    options.gainTolerance())
                    .minimize(negLogLik, s0, f0, g0, h0);
            double[] beta = r.x();
            SecrLikelihood.Evaluation atMle = memo.at(beta); // read before the Hessian's displaced points
            if (atMle == null) {
                atMle = likelihood.evaluate(beta);
                evals[0]++;
            }
            double[][] hessian = switch (options.hessianMethod()) {
                case NLM -> nlmHessian(b -> {
                    evals[0]++;
                    return -likelihood.value(b);
                }, beta, -atMle.logLik());
                case GRADIENT -> hessian(negLogLik, beta);
                // the optimizer's gradient of -log L at beta, the same numbers as -atMle.gradient()
                case FORWARD -> forwardHessian(negLogLik, beta, r.gradient(), FORWARD_HESSIAN_STEP,
                        negatedDensityColumns(likelihood, atMle, beta));
            };
            double[][] vcov = invertPositiveDefinite(hessian);
            HessianStatus status = vcov == null ? HessianStatus.NOT_POSITIVE_DEFINITE : HessianStatus.OK;
            if (!r.converged()) {
                warnings.add("the optimizer did not converge: " + r.message());
            }
            if (status != HessianStatus.OK) {
                warnings.add("the Hessian is not positive definite: standard errors are not available");
            }
            FitDiagnostics diag = new FitDiagnostics(r.converged(), r.iterations(), evals[0],
                    BfgsMinimizer.maxAbs(atMle.gradient()), status, options.hessianMethod(), r.message(),
                    coarse == null ? CoarseStage.NONE
                            : coarse.stage(coarseUsed, "the log-likelihood on the full mask is not finite at its estimate"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new FittedModel(spec, layout, lo, history, masks, beta, vcov, diag, atMle, warnings, seconds);
        }
    }

    /**
     * \( -\log L \) and its gradient as the optimizer takes them, counting each call in {@code count[0]} and, where
     * {@code memo} is given, remembering the best evaluation.
     */
    static Objective negativeLogLikelihood(SecrLikelihood likelihood, int[] count, EvaluationMemo memo) {
        // a class, not a lambda: no invokedynamic linkage in a fresh JVM's fit (SessionKernel's SUM_DOUBLES)
        return new Objective() {
            @Override
            public double valueAndGradient(double[] b, double[] g) {
                count[0]++;
                SecrLikelihood.Evaluation e = likelihood.evaluate(b);
                if (memo != null) {
                    memo.remember(b, e);
                }
                return negated(e, g);
            }
        };
    }

    /** \( -\log L \) of evaluation {@code e}, its gradient negated into {@code g}: the optimizer's view of it. */
    static double negated(SecrLikelihood.Evaluation e, double[] g) {
        double[] eg = e.gradient();
        for (int i = 0; i < g.length; i++) {
            g[i] = -eg[i];
        }
        return -e.logLik();
    }

    /**
     * Hessian of {@code f} at {@code x} by forward differences of its analytic gradient, given the
     * gradient {@code gx} at {@code x}, symmetrised: n calls instead of the 2n of {@link #hessian}, with
     * an error of order {@link #HESSIAN_STEP} (relative) that is harmless where it only seeds BFGS.
     */
    static double[][] forwardHessian(Objective f, double[] x, double[] gx) {
        return forwardHessian(f, x, gx, HESSIAN_STEP);
    }

    /**
     * {@link #forwardHessian(Objective, double[], double[])} with relative step {@code eta}:
     * \( h_j = \eta\max(|x_j|, 1) \); the error is \( \tfrac{h_j}{2}\,\partial_i\partial_j^2 f \) plus the gradient's
     * rounding over \( h_j \).
     */
    static double[][] forwardHessian(Objective f, double[] x, double[] gx, double eta) {
        return forwardHessian(f, x, gx, eta, null);
    }

    /**
     * {@link #forwardHessian(Objective, double[], double[], double)} with the columns already known in closed form
     * ({@code known[j]} column j of f's Hessian, or null): a gradient call for each of the others only.
     */
    static double[][] forwardHessian(Objective f, double[] x, double[] gx, double eta, double[][] known) {
        int n = x.length;
        double[][] h = new double[n][n];
        double[] gp = new double[n];
        for (int j = 0; j < n; j++) {
            if (known != null && known[j] != null) {
                for (int i = 0; i < n; i++) {
                    h[i][j] = known[j][i];
                }
                continue;
            }
            double step = eta * Math.max(1, Math.abs(x[j]));
            double[] xp = x.clone();
            xp[j] += step;
            f.valueAndGradient(xp, gp);
            for (int i = 0; i < n; i++) {
                h[i][j] = (gp[i] - gx[i]) / step;
            }
        }
        symmetrise(h);
        return h;
    }

    /**
     * D's columns of the Hessian of \( -\log L \) in closed form ({@link SecrLikelihood#densityHessianColumns}),
     * or null: the forward Hessian's gradient calls for D's coefficients are then not made.
     */
    static double[][] negatedDensityColumns(SecrLikelihood likelihood, SecrLikelihood.Evaluation at, double[] beta) {
        double[][] c = likelihood.densityHessianColumns(at, beta);
        if (c != null) {
            for (double[] col : c) {
                if (col != null) {
                    for (int i = 0; i < col.length; i++) {
                        col[i] = -col[i];
                    }
                }
            }
        }
        return c;
    }

    /** {@link #negatedDensityColumns} at {@code beta} where the memo holds its evaluation, else null. */
    static double[][] densityColumns(SecrLikelihood likelihood, EvaluationMemo memo, double[] beta) {
        SecrLikelihood.Evaluation e = memo.at(beta);
        return e == null ? null : negatedDensityColumns(likelihood, e, beta);
    }

    /** Hessian of {@code f} at {@code x} by central differences of its analytic gradient, symmetrised. */
    static double[][] hessian(Objective f, double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int j = 0; j < n; j++) {
            double step = HESSIAN_STEP * Math.max(1, Math.abs(x[j]));
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += step;
            xm[j] -= step;
            f.valueAndGradient(xp, gp);
            f.valueAndGradient(xm, gm);
            for (int i = 0; i < n; i++) {
                h[i][j] = (gp[i] - gm[i]) / (2 * step);
            }
        }
        symmetrise(h);
        return h;
    }

    /** nlm's relative step: \( 10^{-\mathrm{ndigit}/3} \) with its default ndigit = 12. */
    static final double NLM_STEP = 1e-4;

    /**
     * Hessian of {@code f} at {@code x} as R's {@code nlm(hessian = TRUE)} forms it: forward differences of
     * values (Dennis &amp; Schnabel 1983, Algorithm A5.6.2), step \( h_j = 10^{-4}\max(x_j, 1) \) rounded to
     * what \( x_j + h_j \) represents; see {@link HessianMethod#NLM}. {@code f0} is f(x) (the caller has it);
     * p(p + 3)/2 calls of {@code f}.
     */
    static double[][] nlmHessian(java.util.function.ToDoubleFunction<double[]> f, double[] x, double f0) {
        int n = x.length;
        double[] y = x.clone();
        double[] step = new double[n];
        double[] f1 = new double[n]; // f(x + h_i e_i)
        for (int i = 0; i < n; i++) {
            y[i] = x[i] + NLM_STEP * Math.max(x[i], 1);
            step[i] = y[i] - x[i];
            f1[i] = f.applyAsDouble(y);
            y[i] = x[i];
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i] + 2 * step[i];
            h[i][i] = ((f0 - f1[i]) + (f.applyAsDouble(y) - f1[i])) / (step[i] * step[i]);
            y[i] = x[i] + step[i];
            for (int j = i + 1; j < n; j++) {
                y[j] = x[j] + step[j];
                h[i][j] = ((f0 - f1[i]) + (f.applyAsDouble(y) - f1[j])) / (step[i] * step[j]);
                h[j][i] = h[i][j];
                y[j] = x[j];
            }
            y[i] = x[i];
        }
        return h;
    }

    private static void symmetrise(double[][] h) {
        int n = h.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = (h[i][j] + h[j][i]) / 2;
                h[i][j] = m;
                h[j][i] = m;
            }
        }
    }

    /**
     * The best evaluation the objective has seen (largest log-likelihood) and where it was taken, so
     * that the evaluation at the optimizer's answer, normally that point, is not repeated.
     */
    static final class EvaluationMemo {
        private double[] beta;
        private SecrLikelihood.Evaluation best;

        void remember(double[] b, SecrLikelihood.Evaluation e) {
            if (Double.isFinite(e.logLik()) && (best == null || e.logLik() > best.logLik())) {
                beta = b.clone();
                best = e;
            }
        }

        /** The remembered evaluation if it was taken at exactly {@code b}, else null. */
        SecrLikelihood.Evaluation at(double[] b) {
            return best != null && java.util.Arrays.equals(beta, b) ? best : null;
        }
    }

    /** The smallest eigenvalue magnitude {@link #seedInverseHessian} keeps, relative to the largest. */
    static final double SEED_EIGENVALUE_FLOOR = 1e-6;

    /**
     * The inverse Hessian that seeds BFGS: the inverse of {@code h} when it is positive definite; otherwise
     * that of its eigenvalue modification (Nocedal &amp; Wright 2006, section 3.4),
     * \( \sum_i \max(|\lambda_i|, \epsilon \max_j|\lambda_j|)^{-1} v_i v_i^\top \) with \( \epsilon \) =
     * {@value #SEED_EIGENVALUE_FLOOR}, so that the first step keeps the curvature the start values show
     * (a direction of negative curvature taken downhill at the scale of its curvature) instead of falling
     * back to steepest descent at unit scale. Null when {@code h} is not finite or is zero.
     */
    static double[][] seedInverseHessian(double[][] h) {
        double[][] inv = invertPositiveDefinite(h);
        if (inv != null) {
            return inv;
        }
        int n = h.length;
        if (!allFinite(h)) {
            return null;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true); // symmetric: orthogonal vectors
        if (!eig.decompose(new DMatrixRMaj(h))) {
            return null;
        }
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(eig.getEigenvalue(i).getReal()));
        }
        if (!(largest > 0)) {
            return null;
        }
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double lambda = Math.max(Math.abs(eig.getEigenvalue(k).getReal()), SEED_EIGENVALUE_FLOOR * largest);
            DMatrixRMaj v = eig.getEigenVector(k);
            double norm2 = 0;
            for (int i = 0; i < n; i++) {
                norm2 += v.get(i) * v.get(i);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += v.get(i) * v.get(j) / (norm2 * lambda);
                }
            }
        }
        return out;
    }

    private static boolean allFinite(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Inverse of a symmetric positive-definite matrix by Cholesky; null when not positive definite. */
    static double[][] invertPositiveDefinite(double[][] a) {
        int n = a.length;
        if (!allFinite(a)) {
            return null;
        }
        DMatrixRMaj m = new DMatrixRMaj(a);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(m.copy())) {
            return null;
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(m.copy(), inv)) {
            return null;
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = inv.get(i, j);
            }
        }
        return out;
    }
}
