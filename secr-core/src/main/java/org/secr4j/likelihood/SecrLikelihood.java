package org.secr4j.likelihood;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.special.Gamma;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.Link;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;
import org.secr4j.util.Checks;

/**
 * The SECR log-likelihood and its analytic gradient with respect to the coefficients
 * (Borchers &amp; Efford 2008), summed over sessions, with the constants that secr reports.
 *
 * <p>Per session, with mask points \( x_m \) of cell area \( A \) (ha), density \( D \),
 * \( a(\theta) = A \sum_m p_\cdot(x_m) \) the effective sampling area and
 * \( L_i = A \sum_m \Pr(\omega_i \mid x_m) \):
 * <ul>
 *   <li>full, Poisson N: \( \log L = -D a + \sum_i \log(D L_i) - \sum_\omega \log n_\omega! \)</li>
 *   <li>full, binomial N (\( N = D |M| \)): \( \log\frac{N!}{(N-n)!} + (N-n)\log(1 - a/|M|)
 *       + \sum_i \log(L_i/|M|) - \sum_\omega \log n_\omega! \)</li>
 *   <li>conditional: \( \log n! - \sum_\omega \log n_\omega! + \sum_i \log(L_i / a) \)</li>
 * </ul>
 * plus the per-animal constants of the detector type (see {@link SessionKernel}).
 *
 * <p>Mask points are processed in fixed blocks whose partial sums are combined in block order,
 * so results are bit-identical for any number of threads.
 *
 * <p>Not thread-safe (it owns reusable buffers); it may use several threads internally. Close it
 * to release them.
 *
 * @see <a href="https://doi.org/10.1111/j.1541-0420.2007.00927.x">Borchers &amp; Efford (2008)</a>
 */
public final class SecrLikelihood implements AutoCloseable {
    /** Mask points per block: the unit of parallel work and of the fixed reduction order. */
    public static final int BLOCK_SIZE = 256;
    private static final int P = SessionKernel.P;

    private final ParameterLayout layout;
    private final LikelihoodOptions options;
    private final List<SessionKernel> kernels;
    private final int[] taskSession;
    private final int[] taskStart;
    private final int[] taskEnd;
    private final int[] sessionFirstTask;
    private final SessionKernel.BlockResult[] results;
    private final SessionKernel.Scratch[][] scratch; // [worker][session]
    private final SessionKernel.Prepared[] prepared;
    private final ExecutorService executor;
    private final int iD;
    private final int iA;
    private final int iSigma;
    private final int iZ;

    private SecrLikelihood(ParameterLayout layout, LikelihoodOptions options, List<SessionKernel> kernels) {
        this.layout = layout;
        this.options = options;
        this.kernels = kernels;
        List<int[]> tasks = new ArrayList<>();
        sessionFirstTask = new int[kernels.size() + 1];
        for (int s = 0; s < kernels.size(); s++) {
            sessionFirstTask[s] = tasks.size();
            int m = kernels.get(s).nMask;
            for (int m0 = 0; m0 < m; m0 += BLOCK_SIZE) {
                tasks.add(new int[] {s, m0, Math.min(m, m0 + BLOCK_SIZE)});
            }
        }
        sessionFirstTask[kernels.size()] = tasks.size();
        taskSession = tasks.stream().mapToInt(t -> t[0]).toArray();
        taskStart = tasks.stream().mapToInt(t -> t[1]).toArray();
        taskEnd = tasks.stream().mapToInt(t -> t[2]).toArray();
        results = new SessionKernel.BlockResult[tasks.size()];
        for (int t = 0; t < results.length; t++) {
            results[t] = new SessionKernel.BlockResult(kernels.get(taskSession[t]).nAnimals);
        }
        prepared = new SessionKernel.Prepared[kernels.size()];
        for (int s = 0; s < kernels.size(); s++) {
            prepared[s] = new SessionKernel.Prepared(kernels.get(s));
        }
        int workers = Math.min(options.threads(), Math.max(1, results.length));
        scratch = new SessionKernel.Scratch[workers][kernels.size()];
        for (int w = 0; w < workers; w++) {
            for (int s = 0; s < kernels.size(); s++) {
                scratch[w][s] = new SessionKernel.Scratch(kernels.get(s));
            }
        }
        executor = workers > 1 ? Executors.newFixedThreadPool(workers - 1, r -> {
            Thread t = new Thread(r, "secr4j-likelihood");
            t.setDaemon(true);
            return t;
        }) : null;
        iD = layout.indexOf(RealParameter.D);
        iA = layout.indexOf(layout.detectionFunction().intercept());
        iSigma = layout.indexOf(RealParameter.SIGMA);
        iZ = layout.indexOf(RealParameter.Z);
    }

    /**
     * The likelihood of {@code history} over {@code masks} (one per session, or one for all).
     *
     * @throws IllegalArgumentException when the number of masks fits neither, or the options do
     *     not fit the layout (e.g. a conditional layout with full options)
     */
    public static SecrLikelihood of(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout,
            LikelihoodOptions options) {
        Checks.require(masks.size() == 1 || masks.size() == history.sessionCount(),
                "%d masks for %d sessions; give one mask per session or one for all", masks.size(),
                history.sessionCount());
        Checks.require(layout.likelihoodType() == options.likelihoodType(),
                "the parameter layout is for the %s likelihood but the options ask for %s", layout.likelihoodType(),
                options.likelihoodType());
        List<SessionKernel> kernels = new ArrayList<>();
        DetectionFunction fn = layout.detectionFunction();
        for (int s = 0; s < history.sessionCount(); s++) {
            Session session = history.session(s);
            HabitatMask mask = masks.size() == 1 ? masks.get(0) : masks.get(s);
            kernels.add(new SessionKernel(session, mask, fn, options.binomN(), options.fastProximity()));
        }
        return new SecrLikelihood(layout, options, kernels);
    }

    public ParameterLayout layout() {
        return layout;
    }

    public LikelihoodOptions options() {
        return options;
    }

    /** Number of sessions. */
    public int sessions() {
        return kernels.size();
    }

    /** The log-likelihood at {@code beta}. */
    public double value(double[] beta) {
        return run(beta, null, false).logLik;
    }

    /** The log-likelihood at {@code beta}; writes its gradient into {@code gradient} (modified). */
    public double valueAndGradient(double[] beta, double[] gradient) {
        Checks.require(gradient.length == layout.size(), "gradient has length %d but there are %d coefficients",
                gradient.length, layout.size());
        return run(beta, gradient, true).logLik;
    }

    /**
     * A full evaluation at {@code beta}: log-likelihood, gradient and per-session effective
     * sampling areas with their gradients (used for derived quantities).
     */
    public Evaluation evaluate(double[] beta) {
        double[] g = new double[layout.size()];
        Evaluation e = run(beta, g, true);
        return e;
    }

    /** The result of {@link #evaluate}. */
    public static final class Evaluation {
        private final double logLik;
        private final double[] gradient;
        private final double[] esa;
        private final double[][] esaGradient;
        private final double[] maskArea;
        private final int[] n;
        private final double[][] animalLogSum;

        Evaluation(double logLik, double[] gradient, double[] esa, double[][] esaGradient, double[] maskArea, int[] n,
                double[][] animalLogSum) {
            this.animalLogSum = animalLogSum;
            this.logLik = logLik;
            this.gradient = gradient;
            this.esa = esa;
            this.esaGradient = esaGradient;
            this.maskArea = maskArea;
            this.n = n;
        }

        public double logLik() {
            return logLik;
        }

        /** Gradient with respect to the coefficients (a copy). */
        public double[] gradient() {
            return gradient == null ? null : gradient.clone();
        }

        /** Effective sampling area \( a(\theta) \) of session {@code s} in hectares. */
        public double esaHectares(int s) {
            return esa[s];
        }

        /** \( \partial a / \partial\beta \) of session {@code s} (a copy). */
        public double[] esaGradient(int s) {
            return esaGradient[s].clone();
        }

        /** Total mask area of session {@code s} in hectares. */
        public double maskAreaHectares(int s) {
            return maskArea[s];
        }

        /**
         * \( \log \sum_m \Pr(\omega_i \mid x_m) \) for animal {@code i} of session {@code s}, less the
         * animal's constant: differences between masks give posterior probabilities of location.
         */
        public double animalLogSum(int s, int i) {
            return animalLogSum[s][i];
        }

        /** Number of animals detected in session {@code s}. */
        public int animals(int s) {
            return n[s];
        }
    }

    private DetectionParameters parameters(double[] beta) {
        DetectionFunction fn = layout.detectionFunction();
        Link la = layout.link(fn.intercept());
        Link ls = layout.link(RealParameter.SIGMA);
        double a = la.fromLink(beta[iA]);
        double sigma = ls.fromLink(beta[iSigma]);
        double z = 1;
        double cZ = 0;
        if (iZ >= 0) {
            Link lz = layout.link(RealParameter.Z);
            z = lz.fromLink(beta[iZ]);
            cZ = lz.dRealDEta(beta[iZ]) / z;
        }
        Checks.require(Double.isFinite(a) && a > 0 && (fn.isHazard() || a < 1) && Double.isFinite(sigma) && sigma > 0
                && Double.isFinite(z) && z > 0, "detection parameters out of range: %s = %s, sigma = %s, z = %s",
                fn.intercept().secrName(), a, sigma, z);
        return new DetectionParameters(a, sigma, z, la.dRealDEta(beta[iA]) / a, ls.dRealDEta(beta[iSigma]) / sigma, cZ);
    }

    private Evaluation run(double[] beta, double[] gradOut, boolean gradient) {
        Checks.require(beta.length == layout.size(), "beta has length %d but there are %d coefficients", beta.length,
                layout.size());
        DetectionParameters par = parameters(beta);
        computeBlocks(par, gradient);
        double logLik = 0;
        int nb = layout.size();
        double[] grad = gradient ? new double[nb] : null;
        double[] esa = new double[kernels.size()];
        double[][] esaGrad = new double[kernels.size()][nb];
        double[] area = new double[kernels.size()];
        int[] ns = new int[kernels.size()];
        double[][] logSums = new double[kernels.size()][];
        double D = 0;
        double dDdEta = 0;
        if (iD >= 0) {
            Link ld = layout.link(RealParameter.D);
            D = ld.fromLink(beta[iD]);
            dDdEta = ld.dRealDEta(beta[iD]);
            Checks.require(Double.isFinite(D) && D > 0, "density out of range: D = %s", D);
        }
        int[] detIdx = {iA, iSigma, iZ};
        for (int s = 0; s < kernels.size(); s++) {
            SessionKernel k = kernels.get(s);
            int n = k.nAnimals;
            ns[s] = n;
            logSums[s] = new double[n];
            area[s] = k.maskArea;
            // combine blocks in order
            double sumLogL = 0;
            double[] gsum = new double[P];
            double pdotSum = 0;
            double[] pdotGrad = new double[P];
            int t0 = sessionFirstTask[s];
            int t1 = sessionFirstTask[s + 1];
            for (int t = t0; t < t1; t++) {
                pdotSum += results[t].pdot[0];
                for (int j = 0; j < P; j++) {
                    pdotGrad[j] += results[t].pdot[1 + j];
                }
            }
            for (int i = 0; i < n; i++) {
                double mxi = Double.NEGATIVE_INFINITY;
                for (int t = t0; t < t1; t++) {
                    mxi = Math.max(mxi, results[t].max[i]);
                }
                double sum = 0;
                double g0 = 0;
                double g1 = 0;
                double g2 = 0;
                for (int t = t0; t < t1; t++) {
                    SessionKernel.BlockResult r = results[t];
                    if (r.sum[i] == 0) {
                        continue;
                    }
                    double e = Math.exp(r.max[i] - mxi);
                    sum += r.sum[i] * e;
                    if (gradient) {
                        g0 += r.grad[i * P] * e;
                        g1 += r.grad[i * P + 1] * e;
                        g2 += r.grad[i * P + 2] * e;
                    }
                }
                logSums[s][i] = mxi + Math.log(sum);
                sumLogL += logSums[s][i];
                if (gradient) {
                    gsum[0] += g0 / sum;
                    gsum[1] += g1 / sum;
                    gsum[2] += g2 / sum;
                }
            }
            double A = k.cellArea;
            double a = A * pdotSum;
            esa[s] = a;
            for (int j = 0; j < P; j++) {
                if (detIdx[j] >= 0) {
                    esaGrad[s][detIdx[j]] = A * pdotGrad[j];
                }
            }
            double logA = Math.log(A);
            double ll = sumLogL + n * logA + k.constant - k.logTies;
            double[] dA = new double[P];
            for (int j = 0; j < P; j++) {
                dA[j] = A * pdotGrad[j];
            }
            double[] perDet = new double[P];
            switch (options.likelihoodType()) {
                case CONDITIONAL:
                    ll += Gamma.logGamma(n + 1.0) - n * Math.log(a);
                    for (int j = 0; j < P; j++) {
                        perDet[j] = gsum[j] - n * dA[j] / a;
                    }
                    break;
                default:
                    if (options.distribution() == PopulationDistribution.POISSON) {
                        ll += -D * a + n * Math.log(D);
                        if (gradient) {
                            grad[iD] += (n / D - a) * dDdEta;
                        }
                        for (int j = 0; j < P; j++) {
                            perDet[j] = gsum[j] - D * dA[j];
                        }
                    } else {
                        double total = k.maskArea;
                        double N = D * total;
                        Checks.require(N >= n, "session '%s': binomial N = D x mask area = %s is below the %d animals detected",
                                k.session.id(), N, n);
                        double q = 1 - a / total;
                        ll += Gamma.logGamma(N + 1) - Gamma.logGamma(N - n + 1) + (N - n) * Math.log(q)
                                - n * Math.log(total);
                        if (gradient) {
                            double dN = Gamma.digamma(N + 1) - Gamma.digamma(N - n + 1) + Math.log(q);
                            grad[iD] += dN * total * dDdEta;
                        }
                        for (int j = 0; j < P; j++) {
                            perDet[j] = gsum[j] - (N - n) * dA[j] / total / q;
                        }
                    }
            }
            logLik += ll;
            if (gradient) {
                for (int j = 0; j < P; j++) {
                    if (detIdx[j] >= 0) {
                        grad[detIdx[j]] += perDet[j];
                    }
                }
            }
        }
        if (gradOut != null && grad != null) {
            System.arraycopy(grad, 0, gradOut, 0, nb);
        }
        return new Evaluation(logLik, grad, esa, esaGrad, area, ns, logSums);
    }

    private void computeBlocks(DetectionParameters par, boolean gradient) {
        for (int s = 0; s < kernels.size(); s++) {
            kernels.get(s).prepare(par, prepared[s]);
        }
        int workers = scratch.length;
        if (workers == 1) {
            for (int t = 0; t < results.length; t++) {
                runTask(t, 0, par, gradient);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            final int worker = w;
            jobs.add(() -> {
                drain(next, worker, par, gradient);
                return null;
            });
        }
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> j : jobs) {
            futures.add(executor.submit(j));
        }
        drain(next, 0, par, gradient);
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating the likelihood", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("likelihood worker failed", cause);
            }
        }
    }

    private void drain(AtomicInteger next, int worker, DetectionParameters par, boolean gradient) {
        for (int t = next.getAndIncrement(); t < results.length; t = next.getAndIncrement()) {
            runTask(t, worker, par, gradient);
        }
    }

    private void runTask(int t, int worker, DetectionParameters par, boolean gradient) {
        int s = taskSession[t];
        kernels.get(s).evaluateBlock(par, prepared[s], taskStart[t], taskEnd[t], scratch[worker][s], results[t], gradient);
    }

    /** Stops the worker threads (if any). */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
