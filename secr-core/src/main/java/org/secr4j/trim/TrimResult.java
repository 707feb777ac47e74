package org.secr4j.trim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A fitted TRIM model: parameters, goodness of fit, Wald tests, time totals and indices (model and
 * imputed) with standard errors, overall slopes and their classification.
 *
 * <p>With weights ({@link TrimData#withWeights}) the totals are weighted, \( \sum_i w_{ij}\mu_{ij} \)
 * and \( \sum_{\text{obs}} w_{ij} f_{ij} + \sum_{\text{missing}} w_{ij}\hat\mu_{ij} \), with the same
 * linearisation; the model itself is fitted unweighted (as TRIM 3 does).
 *
 * <p>Variances are model based: \( \operatorname{Var}(\hat\beta) = \sigma^2 S^{-1} \). A time total
 * \( T_j = \sum_i \mu_{ij} \) has covariance from the linearisation
 * \( \hat\theta - \theta \approx I^{-1} U \). The imputed total
 * \( \tilde T_j = \sum_{\text{obs}} f_{ij} + \sum_{\text{missing}} \hat\mu_{ij} \) adds the
 * variance of the observed counts and their covariance with the fitted missing ones,
 * \( \operatorname{Cov}(f_{ij}, \hat\theta) = \sigma^2 I^{-1} \partial\mu_{ij}/\partial\theta \).
 * Indices are ratios to the first time point (delta method). The overall slope is the least-squares
 * slope of \( \ln T_j \) on \(j\) (TRIM's "with intercept" slope), with SE by the delta method.
 *
 * <p>Immutable; thread-safe.
 */
public final class TrimResult {
    /** A parameter on the additive (log) scale; multiplicative = \(e^{b}\) with SE \(e^{b}\,\mathrm{SE}\). */
    public record Parameter(String name, double additive, double se) {
        public double multiplicative() {
            return Math.exp(additive);
        }

        public double multiplicativeSe() {
            return Math.exp(additive) * se;
        }
    }

    /** A Wald test of a group of parameters (or contrasts) being zero. */
    public record WaldTest(String name, double statistic, int df, double p) {}

    /** Pearson χ², likelihood-ratio statistic (deviance), their df and p-values, and TRIM's AIC (LR − 2 df). */
    public record GoodnessOfFit(double chiSquare, double likelihoodRatio, int df, double chiSquareP,
            double likelihoodRatioP, double aic) {}

    /** Model and imputed time total (or index) with standard errors, at a time label. */
    public record TimeValue(int time, double model, double modelSe, double imputed, double imputedSe) {}

    /**
     * An overall slope: additive with SE, multiplicative, the two-sided p-value and TRIM's
     * classification. As TRIM does, significance is judged on the multiplicative scale: \( p = 2(1 -
     * \Phi(|e^b - 1| / (e^b\,\mathrm{se}))) \), the normal test of the multiplicative slope against 1
     * with its delta-method SE (skylark run 3a: additive 0.0329, SE 0.0127, z = 2.59, but
     * multiplicative 1.0335, SE 0.0131, z = 2.56, p = 0.0106, which TRIM marks "(p&lt;0.05) *").
     */
    public record Slope(double additive, double se, double p, TrendClass classification) {
        public double multiplicative() {
            return Math.exp(additive);
        }

        public double multiplicativeSe() {
            return Math.exp(additive) * se;
        }

        /** TRIM's significance mark: "(p<0.01) **", "(p<0.05) *" or "". */
        public String significance() {
            return p < 0.01 ? "(p<0.01) **" : p < 0.05 ? "(p<0.05) *" : "";
        }
    }

    private final TrimData data;
    private final TrimOptions options;
    private final TrimDesign design;
    private final TrimFitter.State state;
    private final double sigma2;
    private final double rho;
    private final List<String> removedSites;
    private final int iterations;
    private final boolean converged;
    private final double[][] vcov;
    private final double[][] modelCov;
    private final double[][] imputedCov;
    private final double[] modelTotals;
    private final double[] imputedTotals;

    TrimResult(TrimData data, TrimOptions options, TrimDesign design, TrimFitter.State state, double sigma2,
            double rho, List<String> removedSites, int iterations, boolean converged) {
        this.data = data;
        this.options = options;
        this.design = design;
        this.state = state;
        this.sigma2 = sigma2;
        this.rho = rho;
        this.removedSites = List.copyOf(removedSites);
        this.iterations = iterations;
        this.converged = converged;
        int p = design.parameters();
        vcov = p == 0 ? new double[0][0] : state.schurInverse().scalarMultiply(sigma2).getData();
        int sites = design.sites;
        int times = design.times;
        modelTotals = new double[times];
        imputedTotals = new double[times];
        double[][] misAlpha = new double[times][sites];
        double[][] obsAlpha = new double[times][sites];
        double[][] misBeta = new double[times][p];
        double[][] obsBeta = new double[times][p];
        for (int j = 0; j < times; j++) {
            for (int i = 0; i < sites; i++) {
                double w = data.weight(i, j);
                double m = w * state.mu[i][j];
                boolean observed = !Double.isNaN(data.count(i, j));
                modelTotals[j] += m;
                imputedTotals[j] += observed ? w * data.count(i, j) : m;
                double[] a = observed ? obsAlpha[j] : misAlpha[j];
                double[] b = observed ? obsBeta[j] : misBeta[j];
                a[i] = m;
                for (int c = 0; c < p; c++) {
                    b[c] += m * design.x[i][j][c];
                }
            }
            reduce(obsAlpha[j], obsBeta[j]);
            reduce(misAlpha[j], misBeta[j]);
        }
        modelCov = new double[times][times];
        imputedCov = new double[times][times];
        for (int j = 0; j < times; j++) {
            for (int k = 0; k < times; k++) {
                double mm = quadratic(misAlpha[j], misBeta[j], misAlpha[k], misBeta[k]);
                double mo = quadratic(misAlpha[j], misBeta[j], obsAlpha[k], obsBeta[k]);
                double om = quadratic(obsAlpha[j], obsBeta[j], misAlpha[k], misBeta[k]);
                double oo = quadratic(obsAlpha[j], obsBeta[j], obsAlpha[k], obsBeta[k]);
                modelCov[j][k] = sigma2 * (mm + mo + om + oo);
                double observedPart = 0;
                for (int i = 0; i < sites; i++) {
                    if (!Double.isNaN(data.count(i, j)) && !Double.isNaN(data.count(i, k))) {
                        observedPart += data.weight(i, j) * data.weight(i, k) * Math.sqrt(state.mu[i][j] * state.mu[i][k])
                                * Math.pow(rho, Math.abs(j - k));
                    }
                }
                imputedCov[j][k] = sigma2 * (observedPart + mm + mo + om);
            }
        }
    }

    /** Replaces a β gradient by its profiled form \( a_\beta - \sum_i a_{\alpha_i} I_{\alpha_i\beta}/I_{\alpha_i\alpha_i} \). */
    private void reduce(double[] alphaPart, double[] betaPart) {
        for (int i = 0; i < alphaPart.length; i++) {
            if (alphaPart[i] != 0) {
                for (int c = 0; c < betaPart.length; c++) {
                    betaPart[c] -= alphaPart[i] * state.infoAlphaBeta[i][c] / state.infoAlpha[i];
                }
            }
        }
    }

    /** \( a^\top I^{-1} c \) (σ² excluded) for gradients given as α parts and reduced β parts. */
    private double quadratic(double[] aAlpha, double[] aBeta, double[] cAlpha, double[] cBeta) {
        double q = 0;
        for (int i = 0; i < aAlpha.length; i++) {
            q += aAlpha[i] * cAlpha[i] / state.infoAlpha[i];
        }
        if (aBeta.length > 0) {
            RealMatrix inv = state.schurInverse();
            for (int c = 0; c < aBeta.length; c++) {
                for (int d = 0; d < cBeta.length; d++) {
                    q += aBeta[c] * inv.getEntry(c, d) * cBeta[d];
                }
            }
        }
        return q;
    }

    /** The estimating-equation state at the estimates (for score tests of extensions). */
    TrimFitter.State state() {
        return state;
    }

    /** The design the model was fitted with. */
    TrimDesign design() {
        return design;
    }

    /** The data the model was fitted to (after removing sites without positive counts). */
    public TrimData data() {
        return data;
    }

    public TrimOptions options() {
        return options;
    }

    /** Sites removed because none of their observed counts was positive. */
    public List<String> removedSites() {
        return removedSites;
    }

    /** Iterations of the estimating-equation solver. */
    public int iterations() {
        return iterations;
    }

    /** Whether the solver met its tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The estimated overdispersion σ² (1 when not estimated). */
    public double overdispersion() {
        return sigma2;
    }

    /** The estimated serial correlation ρ (0 when not estimated). */
    public double serialCorrelation() {
        return rho;
    }

    /** The parameters β with model-based SEs. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (int c = 0; c < state.beta.length; c++) {
            out.add(new Parameter(design.names.get(c), state.beta[c], Math.sqrt(vcov[c][c])));
        }
        return out;
    }

    /** Variance–covariance matrix of β (copy). */
    public double[][] vcov() {
        double[][] out = new double[vcov.length][];
        for (int c = 0; c < vcov.length; c++) {
            out[c] = vcov[c].clone();
        }
        return out;
    }

    /** The site parameters \(\alpha_i\) in site order. */
    public double[] siteParameters() {
        return state.alpha.clone();
    }

    /** The fitted count of a site at a time point (also where the count is missing). */
    public double fitted(int site, int time) {
        return state.mu[site][time];
    }

    /** Number of observed counts used. */
    public int observations() {
        return data.observedCount();
    }

    /** Goodness of fit: χ², LR, df = observations − sites − parameters, AIC = LR − 2 df. */
    public GoodnessOfFit goodnessOfFit() {
        int df = observations() - design.sites - design.parameters();
        double chi2 = state.pearsonChiSquare();
        double lr = state.likelihoodRatio();
        ChiSquaredDistribution dist = new ChiSquaredDistribution(df);
        return new GoodnessOfFit(chi2, lr, df, 1 - dist.cumulativeProbability(chi2),
                1 - dist.cumulativeProbability(lr), lr - 2.0 * df);
    }

    /** Time totals, model and imputed, with SEs. */
    public List<TimeValue> timeTotals() {
        int[] labels = data.timeLabels();
        List<TimeValue> out = new ArrayList<>();
        for (int j = 0; j < labels.length; j++) {
            out.add(new TimeValue(labels[j], modelTotals[j], Math.sqrt(modelCov[j][j]), imputedTotals[j],
                    Math.sqrt(imputedCov[j][j])));
        }
        return out;
    }

    /** Indices relative to the first time point (SE 0 there), model and imputed. */
    public List<TimeValue> indices() {
        int[] labels = data.timeLabels();
        List<TimeValue> out = new ArrayList<>();
        for (int j = 0; j < labels.length; j++) {
            out.add(new TimeValue(labels[j], modelTotals[j] / modelTotals[0], indexSe(modelTotals, modelCov, j),
                    imputedTotals[j] / imputedTotals[0], indexSe(imputedTotals, imputedCov, j)));
        }
        return out;
    }

    private static double indexSe(double[] t, double[][] cov, int j) {
        if (j == 0) {
            return 0;
        }
        double r = t[j] / t[0];
        double v = cov[j][j] / (t[j] * t[j]) + cov[0][0] / (t[0] * t[0]) - 2 * cov[0][j] / (t[0] * t[j]);
        return r * Math.sqrt(Math.max(v, 0));
    }

    /** Covariance matrix of the model time totals (copy). */
    public double[][] modelTotalsCovariance() {
        return copy(modelCov);
    }

    /** Covariance matrix of the imputed time totals (copy). */
    public double[][] imputedTotalsCovariance() {
        return copy(imputedCov);
    }

    /** Overall slope of the model time totals. */
    public Slope overallSlopeModel() {
        return slope(modelTotals, modelCov);
    }

    /** Overall slope of the imputed time totals (TRIM's recommended figure). */
    public Slope overallSlopeImputed() {
        return slope(imputedTotals, imputedCov);
    }

    /**
     * Overall slope of the model time totals through the base time point (the first): the
     * least-squares slope of \( \ln(\mu_{+j}/\mu_{+1}) \) on \( j - 1 \) without intercept,
     * \( \hat b = \sum_j (j-1)\ln(\mu_{+j}/\mu_{+1}) / \sum_j (j-1)^2 \), SE by the delta method
     * (TRIM 3's "overall slope through base time point").
     */
    public Slope overallSlopeModelThroughBase() {
        return slope(modelTotals, modelCov, baseSlopeWeights(modelTotals.length));
    }

    /** As {@link #overallSlopeModelThroughBase()} for the imputed time totals. */
    public Slope overallSlopeImputedThroughBase() {
        return slope(imputedTotals, imputedCov, baseSlopeWeights(imputedTotals.length));
    }

    /** Weights of the slope through the first time point: \( c_j = (j-1)/S \), \( c_1 = -\sum_{j>1} c_j \). */
    private static double[] baseSlopeWeights(int n) {
        double sxx = 0;
        for (int j = 1; j <= n; j++) {
            sxx += (j - 1.0) * (j - 1.0);
        }
        double[] c = new double[n];
        for (int j = 2; j <= n; j++) {
            c[j - 1] = (j - 1) / sxx;
            c[0] -= c[j - 1];
        }
        return c;
    }

    /** Weights \( c_j = (j - \bar j)/\sum_k (k - \bar k)^2 \), j = 1…n, of the least-squares slope on time. */
    private static double[] slopeWeights(int n) {
        double mean = (n + 1) / 2.0;
        double sxx = 0;
        for (int j = 1; j <= n; j++) {
            sxx += (j - mean) * (j - mean);
        }
        double[] c = new double[n];
        for (int j = 1; j <= n; j++) {
            c[j - 1] = (j - mean) / sxx;
        }
        return c;
    }

    private static Slope slope(double[] totals, double[][] cov) {
        return slope(totals, cov, slopeWeights(totals.length));
    }

    /** The slope \( \sum_j c_j \ln T_j \) and its delta-method SE from the totals' covariance. */
    private static Slope slope(double[] totals, double[][] cov, double[] c) {
        int n = totals.length;
        double b = 0;
        double v = 0;
        for (int j = 0; j < n; j++) {
            b += c[j] * Math.log(totals[j]);
            for (int k = 0; k < n; k++) {
                v += c[j] * c[k] * cov[j][k] / (totals[j] * totals[k]);
            }
        }
        double se = Math.sqrt(v);
        double mult = Math.exp(b);
        double p = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(mult - 1) / (mult * se)));
        return new Slope(b, se, p, TrendClass.of(mult, mult * se));
    }

    /**
     * Model 3 as a linear trend plus deviations: the least-squares line through the time parameters
     * \( (0, \beta_2, \dots, \beta_J) \) and each time point's deviation from it, with SEs.
     *
     * @return the slope first, then one deviation per time point
     * @throws IllegalStateException for models other than 3 without covariates
     */
    public List<Parameter> linearTrendAndDeviations() {
        requireTimeEffectsWithoutCovariates();
        double[][] l = trendDeviationMatrix();
        List<Parameter> out = new ArrayList<>();
        int[] labels = data.timeLabels();
        for (int r = 0; r < l.length; r++) {
            double est = 0;
            for (int c = 0; c < l[r].length; c++) {
                est += l[r][c] * state.beta[c];
            }
            out.add(new Parameter(r == 0 ? "slope" : "deviation " + labels[r - 1], est, Math.sqrt(quadVcov(l[r], l[r]))));
        }
        return out;
    }

    private double[][] trendDeviationMatrix() {
        int times = design.times;
        double mean = (times + 1) / 2.0;
        double[] w = slopeWeights(times);
        double[][] l = new double[times + 1][times - 1];
        for (int c = 0; c < times - 1; c++) {
            l[0][c] = w[c + 1];
        }
        for (int r = 1; r <= times; r++) {
            for (int c = 0; c < times - 1; c++) {
                int j = c + 2;
                l[r][c] = (r == j ? 1 : 0) - 1.0 / times - l[0][c] * (r - mean);
            }
        }
        return l;
    }

    private double quadVcov(double[] a, double[] b) {
        double q = 0;
        for (int c = 0; c < a.length; c++) {
            for (int d = 0; d < b.length; d++) {
                q += a[c] * vcov[c][d] * b[d];
            }
        }
        return q;
    }

    private void requireTimeEffectsWithoutCovariates() {
        if (options.model() != TrimModel.TIME_EFFECTS || !options.covariates().isEmpty()) {
            throw new IllegalStateException("linear trend and deviations are defined for model 3 without covariates");
        }
    }

    /**
     * TRIM's Wald tests: model 3, deviations from a linear trend (df J − 2, without covariates);
     * model 2, one test per changepoint (slope at the first, change in slope at later ones); and one
     * test per covariate.
     */
    public List<WaldTest> waldTests() {
        List<WaldTest> out = new ArrayList<>();
        int p = design.parameters();
        if (options.model() == TrimModel.TIME_EFFECTS && options.covariates().isEmpty()) {
            int times = design.times;
            double[][] c = new double[times - 2][p];
            for (int r = 0; r < times - 2; r++) {
                // second difference beta_{r} - 2 beta_{r+1} + beta_{r+2} over (0, beta_2, ..., beta_J)
                add(c[r], r, 1);
                add(c[r], r + 1, -2);
                add(c[r], r + 2, 1);
            }
            out.add(wald("deviations from linear trend", c));
        }
        if (options.model() == TrimModel.LINEAR_TREND) {
            for (int k = 0; k < design.segmentColumns.size(); k++) {
                int[] cols = design.segmentColumns.get(k);
                double[][] c = new double[cols.length][p];
                for (int r = 0; r < cols.length; r++) {
                    c[r][cols[r]] = 1;
                    if (k > 0) {
                        c[r][design.segmentColumns.get(k - 1)[r]] = -1;
                    }
                }
                out.add(wald("changepoint " + design.changepoints[k], c));
            }
        }
        for (TrimDesign.Group g : design.covariateGroups) {
            double[][] c = new double[g.columns().length][p];
            for (int r = 0; r < c.length; r++) {
                c[r][g.columns()[r]] = 1;
            }
            out.add(wald("covariate " + g.name(), c));
        }
        return out;
    }

    /** Adds {@code w} to the coefficient of time index {@code t} (0-based; time 0 has no parameter). */
    private static void add(double[] row, int t, double w) {
        if (t > 0) {
            row[t - 1] += w;
        }
    }

    private WaldTest wald(String name, double[][] c) {
        int r = c.length;
        double[] cb = new double[r];
        double[][] cvc = new double[r][r];
        for (int a = 0; a < r; a++) {
            for (int k = 0; k < c[a].length; k++) {
                cb[a] += c[a][k] * state.beta[k];
            }
            for (int b = 0; b < r; b++) {
                cvc[a][b] = quadVcov(c[a], c[b]);
            }
        }
        double[] sol = new LUDecomposition(MatrixUtils.createRealMatrix(cvc)).getSolver()
                .solve(MatrixUtils.createRealVector(cb)).toArray();
        double w = 0;
        for (int a = 0; a < r; a++) {
            w += cb[a] * sol[a];
        }
        return new WaldTest(name, w, r, 1 - new ChiSquaredDistribution(r).cumulativeProbability(w));
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
            out[j] = m[j].clone();
        }
        return out;
    }
}
