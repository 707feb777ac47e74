package org.secr4j.simulate;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.RealParameter;
import org.secr4j.result.FittedModel;
import org.secr4j.util.Checks;

/**
 * A Monte Carlo goodness-of-fit test of a fitted SECR model, of the kind of secr's {@code MCgof}
 * (after the Bayesian p-value of Royle, Chandler, Sollmann &amp; Gardner 2014, ch. 8, as applied by
 * Efford to maximum-likelihood fits).
 *
 * <p>Each replicate: draw \( \beta^* \sim N(\hat\beta, \hat V) \) (or keep \(\hat\beta\)); for each
 * detected animal draw its activity centre from its posterior over the mask,
 * \( \pi(x_m \mid \omega_i) \propto \Pr(\omega_i \mid x_m; \beta^*) \) (uniform density); compute
 * the expected counts \(E_{ik}\) of animal \(i\) at detector \(k\) summed over occasions given that
 * centre, and simulate a new history \(y^*_{ik}\) from it. Three Freeman–Tukey statistics
 * \( T = \sum (\sqrt{y} - \sqrt{E})^2 \) compare observed and simulated counts with their
 * expectations: per animal (\(y_{i\cdot}\)), per detector (\(y_{\cdot k}\)) and per animal and
 * detector (\(y_{ik}\)). The p-value of each is the fraction of replicates with
 * \( T(y^*) \ge T(y) \); small values flag lack of fit.
 *
 * <p>Expected counts per occasion at usage \(u_{ks}\) and hazard \(h_k(x)\): multi-catch
 * \( (u_{ks}h_k/H_s)(1 - e^{-H_s}) \), binary proximity \( 1 - e^{-u_{ks}h_k} \), Poisson count
 * \( u_{ks}h_k \). Supported: one session, detection parameters constant ({@code ~1}), multi,
 * single (as multi), proximity and Poisson count detectors.
 */
public final class MonteCarloGof {
    /** One statistic: its mean observed and simulated values over replicates and its p-value. */
    public record Statistic(String name, double observed, double simulated, double p) {}

    /** The test's outcome. */
    public record Result(int replicates, boolean parameterUncertainty, List<Statistic> statistics) {
        public Result {
            statistics = List.copyOf(statistics);
        }

        /** The statistic called {@code name} ("individual", "detector", "individual-detector"). */
        public Statistic statistic(String name) {
            return statistics.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no statistic '" + name + "'; statistics are individual, "
                            + "detector, individual-detector"));
        }
    }

    private MonteCarloGof() {}

    /**
     * Runs the test.
     *
     * @param replicates number of Monte Carlo replicates (e.g. 199)
     * @param parameterUncertainty draw β* from the MLE's sampling distribution (true, as MCgof) or
     *     use β̂
     * @throws IllegalArgumentException for a model or data the test does not support (named)
     */
    public static Result test(FittedModel fit, int replicates, boolean parameterUncertainty, RandomGenerator random) {
        Checks.require(replicates >= 1, "replicates must be >= 1 but was %d", replicates);
        Checks.require(fit.captureHistory().sessionCount() == 1,
                "the Monte Carlo GOF test takes one session but the fit has %d", fit.captureHistory().sessionCount());
        ParameterLayout layout = fit.layout();
        Checks.require(layout.isConstant(), "the Monte Carlo GOF test needs constant detection parameters (~1) "
                + "but the model is %s", fit.spec());
        Session session = fit.captureHistory().session(0);
        DetectorArray det = session.detectors();
        DetectorType type = det.type();
        Checks.require(type == DetectorType.MULTI || type == DetectorType.SINGLE || type == DetectorType.PROXIMITY
                || (type == DetectorType.COUNT && fit.likelihoodOptions().binomN() == 0),
                "the Monte Carlo GOF test supports multi, single, proximity and Poisson count detectors, not %s",
                type.secrName());
        Checks.require(!parameterUncertainty || fit.vcov() != null,
                "drawing parameters needs the covariance matrix, which this fit does not have (Hessian not "
                        + "positive definite); use parameterUncertainty = false");
        double[][] chol = parameterUncertainty ? cholesky(fit.vcov()) : null;
        Work w = new Work(session, fit.masks().get(0), layout.detectionFunction());
        double[] beta = fit.beta();
        double[][] tObs = new double[3][replicates];
        double[][] tSim = new double[3][replicates];
        int[] exceed = new int[3];
        for (int r = 0; r < replicates; r++) {
            double[] b = beta.clone();
            if (chol != null) {
                double[] z = new double[b.length];
                for (int j = 0; j < z.length; j++) {
                    z[j] = random.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    for (int j = 0; j <= i; j++) {
                        b[i] += chol[i][j] * z[j];
                    }
                }
            }
            DetectionFunction fn = layout.detectionFunction();
            double a = layout.real(fn.intercept(), b);
            double sigma = layout.real(RealParameter.SIGMA, b);
            double zShape = fn.hasShape() ? layout.real(RealParameter.Z, b) : 0;
            w.replicate(a, sigma, zShape, random, tObs, tSim, r);
            for (int j = 0; j < 3; j++) {
                if (tSim[j][r] >= tObs[j][r]) {
                    exceed[j]++;
                }
            }
        }
        String[] names = {"individual", "detector", "individual-detector"};
        List<Statistic> stats = new java.util.ArrayList<>();
        for (int j = 0; j < 3; j++) {
            stats.add(new Statistic(names[j], mean(tObs[j]), mean(tSim[j]), (double) exceed[j] / replicates));
        }
        return new Result(replicates, parameterUncertainty, stats);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Lower Cholesky factor of a covariance matrix. */
    private static double[][] cholesky(double[][] v) {
        int n = v.length;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        DMatrixRMaj m = new DMatrixRMaj(v);
        Checks.require(chol.decompose(m), "the covariance matrix is not positive definite");
        DMatrixRMaj l = chol.getT(null);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                out[i][j] = l.get(i, j);
            }
        }
        return out;
    }

    /** Data and buffers for the replicates of one test. */
    private static final class Work {
        final DetectorType type;
        final DetectionFunction fn;
        final int n;
        final int K;
        final int S;
        final int M;
        final double[][] dist2;
        final double[] f;
        final double[] logH;
        final double[] caughtTerm;
        final double[] logf;
        final double[] dLogSigma;
        final double[] dLogZ;
        final double[][] usage;
        final int[][] y;
        final List<Detection> detections;
        final double[][] h;
        final double[][] occasionHazard;
        final double[][] logLik;

        Work(Session session, HabitatMask mask, DetectionFunction fn) {
            DetectorArray det = session.detectors();
            this.type = det.type();
            this.fn = fn;
            n = session.animals();
            K = det.size();
            S = session.occasions();
            M = mask.size();
            dist2 = new double[M][K];
            for (int m = 0; m < M; m++) {
                for (int k = 0; k < K; k++) {
                    double dx = mask.x(m) - det.x(k);
                    double dy = mask.y(m) - det.y(k);
                    dist2[m][k] = dx * dx + dy * dy;
                }
            }
            usage = new double[K][S];
            for (int k = 0; k < K; k++) {
                for (int s = 0; s < S; s++) {
                    usage[k][s] = det.usage(k, s);
                }
            }
            detections = session.detections();
            y = new int[n][K];
            for (Detection d : detections) {
                y[d.animal()][d.detector()] += d.count();
            }
            logH = new double[K];
            caughtTerm = new double[S];
            f = new double[K];
            logf = new double[K];
            dLogSigma = new double[K];
            dLogZ = new double[K];
            h = new double[M][K];
            occasionHazard = new double[M][S];
            logLik = new double[n][M];
        }

        void replicate(double a, double sigma, double z, RandomGenerator random, double[][] tObs, double[][] tSim,
                int r) {
            for (int m = 0; m < M; m++) {
                fn.shapes(dist2[m], K, sigma, z, f, logf, dLogSigma, dLogZ);
                for (int k = 0; k < K; k++) {
                    double v = a * f[k];
                    h[m][k] = fn.toHazard(v);
                }
                for (int s = 0; s < S; s++) {
                    double hs = 0;
                    for (int k = 0; k < K; k++) {
                        hs += usage[k][s] * h[m][k];
                    }
                    occasionHazard[m][s] = hs;
                }
            }
            // log Pr(history | x_m) = base(m) + per-detection terms, up to terms free of m
            for (int m = 0; m < M; m++) {
                double base = 0;
                for (int s = 0; s < S; s++) {
                    base -= occasionHazard(m, s);
                }
                for (int i = 0; i < n; i++) {
                    logLik[i][m] = base;
                }
                double[] hm = h[m];
                for (int k = 0; k < K; k++) {
                    logH[k] = Math.log(hm[k]);
                }
                if (type != DetectorType.PROXIMITY && type != DetectorType.COUNT) {
                    for (int s = 0; s < S; s++) {
                        double hs = occasionHazard(m, s);
                        caughtTerm[s] = Math.log(-Math.expm1(-hs)) + hs - Math.log(hs);
                    }
                }
                for (Detection d : detections) {
                    double u = usage[d.detector()][d.occasion()];
                    double add;
                    if (type == DetectorType.PROXIMITY) {
                        add = Math.log(Math.expm1(u * hm[d.detector()]));
                    } else if (type == DetectorType.COUNT) {
                        add = d.count() * logH[d.detector()];
                    } else {
                        add = logH[d.detector()] + caughtTerm[d.occasion()];
                    }
                    logLik[d.animal()][m] += add;
                }
            }
            double[] ei = new double[n];
            double[] ek = new double[K];
            double[] eik = new double[K];
            double[] yStarK = new double[K];
            double tIndObs = 0;
            double tIndSim = 0;
            double tIkObs = 0;
            double tIkSim = 0;
            double[] yDetObs = new double[K];
            double[] yDetSim = new double[K];
            int[] simRow = new int[K];
            for (int i = 0; i < n; i++) {
                int m = sampleCentre(logLik[i], random);
                java.util.Arrays.fill(eik, 0);
                java.util.Arrays.fill(simRow, 0);
                for (int s = 0; s < S; s++) {
                    double hs = occasionHazard(m, s);
                    double pCaught = -Math.expm1(-hs);
                    for (int k = 0; k < K; k++) {
                        double uh = usage[k][s] * h[m][k];
                        eik[k] += switch (type) {
                            case PROXIMITY -> -Math.expm1(-uh);
                            case COUNT -> uh;
                            default -> hs > 0 ? uh / hs * pCaught : 0;
                        };
                    }
                    simulateOccasion(m, s, hs, random, simRow);
                }
                int yi = 0;
                int yiSim = 0;
                for (int k = 0; k < K; k++) {
                    ei[i] += eik[k];
                    ek[k] += eik[k];
                    yi += y[i][k];
                    yiSim += simRow[k];
                    yDetObs[k] += y[i][k];
                    yDetSim[k] += simRow[k];
                    tIkObs += ft(y[i][k], eik[k]);
                    tIkSim += ft(simRow[k], eik[k]);
                }
                tIndObs += ft(yi, ei[i]);
                tIndSim += ft(yiSim, ei[i]);
            }
            double tDetObs = 0;
            double tDetSim = 0;
            for (int k = 0; k < K; k++) {
                tDetObs += ft(yDetObs[k], ek[k]);
                tDetSim += ft(yDetSim[k], ek[k]);
            }
            tObs[0][r] = tIndObs;
            tSim[0][r] = tIndSim;
            tObs[1][r] = tDetObs;
            tSim[1][r] = tDetSim;
            tObs[2][r] = tIkObs;
            tSim[2][r] = tIkSim;
        }

        /** \( H_s(x_m) = \sum_k u_{ks} h_k(x_m) \). */
        private double occasionHazard(int m, int s) {
            return occasionHazard[m][s];
        }

        private void simulateOccasion(int m, int s, double hs, RandomGenerator random, int[] row) {
            switch (type) {
                case PROXIMITY -> {
                    for (int k = 0; k < K; k++) {
                        if (random.nextDouble() < -Math.expm1(-usage[k][s] * h[m][k])) {
                            row[k]++;
                        }
                    }
                }
                case COUNT -> {
                    for (int k = 0; k < K; k++) {
                        row[k] += Population.poissonDeviate(usage[k][s] * h[m][k], random);
                    }
                }
                default -> {
                    if (hs > 0 && random.nextDouble() < -Math.expm1(-hs)) {
                        double u = random.nextDouble() * hs;
                        double c = 0;
                        int k = -1;
                        do {
                            k++;
                            c += usage[k][s] * h[m][k];
                        } while (c < u && k < K - 1);
                        row[k]++;
                    }
                }
            }
        }

        private static int sampleCentre(double[] logLik, RandomGenerator random) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logLik) {
                max = Math.max(max, v);
            }
            double total = 0;
            for (double v : logLik) {
                total += Math.exp(v - max);
            }
            double u = random.nextDouble() * total;
            double c = 0;
            for (int m = 0; m < logLik.length; m++) {
                c += Math.exp(logLik[m] - max);
                if (c >= u) {
                    return m;
                }
            }
            return logLik.length - 1;
        }

        private static double ft(double observed, double expected) {
            double d = Math.sqrt(observed) - Math.sqrt(expected);
            return d * d;
        }
    }
}
