package org.secr4j.trim;

import java.util.List;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.secr4j.util.Checks;

/**
 * Estimates a TRIM model by generalised estimating equations (TRIM 3 manual, section 2; Liang &amp;
 * Zeger 1986).
 *
 * <p>With \( \mu_{ij} = e^{\alpha_i} m_{ij} \), \( m_{ij} = e^{x_{ij}^\top\beta} \) and working
 * covariance \( V_i = \sigma^2 D_i^{1/2} R_i D_i^{1/2} \) over the observed counts of site \(i\), the
 * equations are \( \sum_i \partial\mu_i^\top/\partial\theta \, V_i^{-1}(f_i - \mu_i) = 0 \). For
 * fixed \(\beta\) the site equation has the closed form
 * \( e^{\alpha_i} = w_i^\top f_i / w_i^\top m_i \) with \( w_i^\top = 1^\top D_{m}^{1/2} R_i^{-1}
 * D_{m}^{-1/2} \); \(\beta\) is updated by Fisher scoring on the equations with \(\alpha\) profiled
 * out (the Schur complement \(S = \sum_i I_{\beta\beta,i} - I_{\beta\alpha,i} I_{\alpha\beta,i} /
 * I_{\alpha\alpha,i}\)). Between steps \( \sigma^2 = \chi^2/(n - p) \) (Pearson) and
 * \( \rho = \sum r_{ij} r_{i,j+1} / (n_\rho \hat\sigma^2) \) over pairs of consecutive observed
 * time points, \( r = (f-\mu)/\sqrt\mu \). With both off this is the Poisson maximum likelihood fit.
 *
 * <p>Thread-safe (stateless).
 */
public final class TrimFitter {
    private TrimFitter() {}

    /**
     * Fits the model. Sites whose observed counts are all zero are removed first (as TRIM does) and
     * listed in {@link TrimResult#removedSites()}.
     *
     * @throws IllegalArgumentException for an unknown covariate, a changepoint at or after the last
     *     time point, or fewer observed counts than parameters
     */
    public static TrimResult fit(TrimData data, TrimOptions options) {
        List<String> removed = data.sitesWithoutPositiveCounts();
        TrimData used = removed.isEmpty() ? data : data.withoutSites(removed);
        TrimDesign design = new TrimDesign(used, options);
        int n = used.observedCount();
        int nPar = used.sites().size() + design.parameters();
        Checks.require(n > nPar, "%d observed counts cannot estimate %d parameters (%d sites + %d)", n, nPar,
                used.sites().size(), design.parameters());
        double[] beta = new double[design.parameters()];
        double rho = 0;
        State state = null;
        int iterations = 0;
        boolean converged = false;
        while (iterations < options.maxIterations()) {
            iterations++;
            state = new State(used, design, beta, rho);
            double[] step = beta.length == 0 ? beta : state.solve(state.score);
            double change = 0;
            for (int p = 0; p < beta.length; p++) {
                beta[p] += step[p];
                change = Math.max(change, Math.abs(step[p]));
            }
            double nextRho = rho;
            if (options.serialCorrelation()) {
                State moved = new State(used, design, beta, rho);
                nextRho = moved.serialCorrelation(moved.pearsonChiSquare() / (n - nPar));
            }
            change = Math.max(change, Math.abs(nextRho - rho));
            rho = nextRho;
            if (change < options.tolerance()) {
                converged = true;
                break;
            }
        }
        state = new State(used, design, beta, rho);
        double chi2 = state.pearsonChiSquare();
        double sigma2 = options.overdispersion() ? chi2 / (n - nPar) : 1.0;
        return new TrimResult(used, options, design, state, sigma2, rho, removed, iterations, converged);
    }

    /** Everything computed at one (β, ρ): site parameters, fitted values and the information blocks. */
    static final class State {
        final TrimData data;
        final TrimDesign design;
        final double[] beta;
        final double rho;
        final double[] alpha;
        final double[][] mu;
        final double[] infoAlpha;
        final double[][] infoAlphaBeta;
        final double[][] schur;
        final double[] score;
        private RealMatrix schurInverse;

        State(TrimData data, TrimDesign design, double[] beta, double rho) {
            this.data = data;
            this.design = design;
            this.beta = beta.clone();
            this.rho = rho;
            int sites = design.sites;
            int times = design.times;
            int p = beta.length;
            alpha = new double[sites];
            mu = new double[sites][times];
            infoAlpha = new double[sites];
            infoAlphaBeta = new double[sites][p];
            schur = new double[p][p];
            score = new double[p];
            for (int i = 0; i < sites; i++) {
                int[] obs = observed(i);
                int k = obs.length;
                double[][] rInv = inverseCorrelation(obs, rho);
                double[] m = new double[times];
                for (int j = 0; j < times; j++) {
                    double eta = 0;
                    for (int c = 0; c < p; c++) {
                        eta += design.x[i][j][c] * beta[c];
                    }
                    m[j] = Math.exp(eta);
                }
                double num = 0;
                double den = 0;
                for (int b = 0; b < k; b++) {
                    double w = 0;
                    for (int a = 0; a < k; a++) {
                        w += Math.sqrt(m[obs[a]]) * rInv[a][b];
                    }
                    w /= Math.sqrt(m[obs[b]]);
                    num += w * data.count(i, obs[b]);
                    den += w * m[obs[b]];
                }
                if (!(num > 0 && den > 0)) {
                    throw new IllegalStateException(Checks.format(
                            "site %s: the estimating equation for its parameter has no positive solution "
                                    + "(serial correlation %.3f too strong for its counts)",
                            data.sites().get(i), rho));
                }
                alpha[i] = Math.log(num / den);
                double ea = num / den;
                for (int j = 0; j < times; j++) {
                    mu[i][j] = ea * m[j];
                }
                double[] s = new double[k];
                double[] res = new double[k];
                for (int a = 0; a < k; a++) {
                    s[a] = Math.sqrt(mu[i][obs[a]]);
                    res[a] = (data.count(i, obs[a]) - mu[i][obs[a]]) / s[a];
                }
                double[][] xo = new double[k][];
                for (int a = 0; a < k; a++) {
                    xo[a] = design.x[i][obs[a]];
                }
                double[] omegaRowSum = new double[k];
                double[][] omegaX = new double[k][p];
                for (int a = 0; a < k; a++) {
                    double whitened = 0;
                    for (int b = 0; b < k; b++) {
                        double omega = s[a] * rInv[a][b] * s[b];
                        omegaRowSum[a] += omega;
                        for (int c = 0; c < p; c++) {
                            omegaX[a][c] += omega * xo[b][c];
                        }
                        whitened += rInv[a][b] * res[b];
                    }
                    infoAlpha[i] += omegaRowSum[a];
                    for (int c = 0; c < p; c++) {
                        infoAlphaBeta[i][c] += omegaX[a][c];
                        score[c] += xo[a][c] * s[a] * whitened;
                    }
                }
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        double ibb = 0;
                        for (int a = 0; a < k; a++) {
                            ibb += xo[a][c] * omegaX[a][d];
                        }
                        schur[c][d] += ibb - infoAlphaBeta[i][c] * infoAlphaBeta[i][d] / infoAlpha[i];
                    }
                }
            }
        }

        int[] observed(int site) {
            int[] buf = new int[design.times];
            int k = 0;
            for (int j = 0; j < design.times; j++) {
                if (!Double.isNaN(data.count(site, j))) {
                    buf[k++] = j;
                }
            }
            return java.util.Arrays.copyOf(buf, k);
        }

        /** \(R^{-1}\) for the AR(1) correlation \(\rho^{|t_a - t_b|}\) among the observed time points. */
        static double[][] inverseCorrelation(int[] obs, double rho) {
            int k = obs.length;
            if (rho == 0) {
                double[][] id = new double[k][k];
                for (int a = 0; a < k; a++) {
                    id[a][a] = 1;
                }
                return id;
            }
            return new LUDecomposition(MatrixUtils.createRealMatrix(correlation(obs, rho))).getSolver()
                    .getInverse().getData();
        }

        static double[][] correlation(int[] obs, double rho) {
            int k = obs.length;
            double[][] r = new double[k][k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    r[a][b] = Math.pow(rho, Math.abs(obs[a] - obs[b]));
                }
            }
            return r;
        }

        double pearsonChiSquare() {
            double chi2 = 0;
            for (int i = 0; i < design.sites; i++) {
                for (int j = 0; j < design.times; j++) {
                    double f = data.count(i, j);
                    if (!Double.isNaN(f)) {
                        chi2 += (f - mu[i][j]) * (f - mu[i][j]) / mu[i][j];
                    }
                }
            }
            return chi2;
        }

        double likelihoodRatio() {
            double lr = 0;
            for (int i = 0; i < design.sites; i++) {
                for (int j = 0; j < design.times; j++) {
                    double f = data.count(i, j);
                    if (f > 0) {
                        lr += 2 * f * Math.log(f / mu[i][j]);
                    }
                }
            }
            return lr;
        }

        double serialCorrelation(double sigma2) {
            double sum = 0;
            int pairs = 0;
            for (int i = 0; i < design.sites; i++) {
                for (int j = 0; j + 1 < design.times; j++) {
                    double f0 = data.count(i, j);
                    double f1 = data.count(i, j + 1);
                    if (!Double.isNaN(f0) && !Double.isNaN(f1)) {
                        sum += (f0 - mu[i][j]) / Math.sqrt(mu[i][j]) * (f1 - mu[i][j + 1]) / Math.sqrt(mu[i][j + 1]);
                        pairs++;
                    }
                }
            }
            return pairs == 0 ? 0 : sum / (pairs * sigma2);
        }

        RealMatrix schurInverse() {
            if (schurInverse == null) {
                schurInverse = new LUDecomposition(MatrixUtils.createRealMatrix(schur)).getSolver().getInverse();
            }
            return schurInverse;
        }

        double[] solve(double[] rhs) {
            return new LUDecomposition(MatrixUtils.createRealMatrix(schur)).getSolver()
                    .solve(MatrixUtils.createRealVector(rhs)).toArray();
        }
    }
}
