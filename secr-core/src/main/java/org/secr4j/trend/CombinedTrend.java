package org.secr4j.trend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.secr4j.util.Checks;

/**
 * A log-linear trend from yearly estimates of one or more methods: generalised least squares on
 * \( z = \ln y \) with the delta-method covariance \( C_{jk}/(y_j y_k) \) of each method's
 * estimates (methods independent of each other). Each method keeps its own level (densities and
 * indices are on different scales) and all share the rate:
 * \( \ln y_{mj} = a_m + b\,(t_j - \bar t) \), \( \lambda = e^{b} \) per year with a Wald interval
 * \( e^{b \pm 1.96\,\mathrm{SE}} \). The residual \( r^\top V^{-1} r \) tests the log-linear form
 * (\(\chi^2\), df = n − parameters). {@link #agreement} fits one rate per method and tests their
 * equality (Wald \(\chi^2\), df = methods − 1).
 */
public final class CombinedTrend {
    private CombinedTrend() {}

    /** The shared rate and its fit. */
    public record Result(double slope, double slopeSe, double lambda, double lambdaLcl, double lambdaUcl,
            double residualChiSquare, int residualDf, double residualP) {}

    /** Rates per method and the test that they are equal. */
    public record Agreement(List<String> methods, double[] slopes, double[] slopeSes, double waldChiSquare, int df,
            double p) {}

    /**
     * The shared trend.
     *
     * @throws IllegalArgumentException without data for a slope (fewer than two years in all), or
     *     duplicate method names
     */
    public static Result fit(List<MethodSeries> series) {
        Gls g = gls(series, false);
        double b = g.beta.getEntry(series.size());
        double se = Math.sqrt(g.cov.getEntry(series.size(), series.size()));
        double z = 1.959963984540054;
        int df = g.n - g.p;
        double p = df > 0 ? 1 - new ChiSquaredDistribution(df).cumulativeProbability(g.residual) : Double.NaN;
        return new Result(b, se, Math.exp(b), Math.exp(b - z * se), Math.exp(b + z * se), g.residual, df, p);
    }

    /**
     * One rate per method and the Wald test of their equality.
     *
     * @throws IllegalArgumentException with fewer than two methods or a method with fewer than two years
     */
    public static Agreement agreement(List<MethodSeries> series) {
        Checks.require(series.size() >= 2, "comparing trends needs at least 2 methods but got %d", series.size());
        for (MethodSeries s : series) {
            Checks.require(s.years().length >= 2, "method %s has %d year; its trend needs at least 2", s.method(),
                    s.years().length);
        }
        Gls g = gls(series, true);
        int m = series.size();
        double[] slopes = new double[m];
        double[] ses = new double[m];
        for (int k = 0; k < m; k++) {
            slopes[k] = g.beta.getEntry(m + k);
            ses[k] = Math.sqrt(g.cov.getEntry(m + k, m + k));
        }
        // contrasts b_k - b_1, k = 2..m
        RealMatrix c = new Array2DRowRealMatrix(m - 1, 2 * m);
        for (int k = 1; k < m; k++) {
            c.setEntry(k - 1, m + k, 1);
            c.setEntry(k - 1, m, -1);
        }
        RealVector cb = c.operate(g.beta);
        RealMatrix ccc = c.multiply(g.cov).multiply(c.transpose());
        double w = cb.dotProduct(new CholeskyDecomposition(ccc).getSolver().solve(cb));
        List<String> names = series.stream().map(MethodSeries::method).toList();
        return new Agreement(names, slopes, ses, w, m - 1, 1 - new ChiSquaredDistribution(m - 1).cumulativeProbability(w));
    }

    private record Gls(RealVector beta, RealMatrix cov, double residual, int n, int p) {}

    private static Gls gls(List<MethodSeries> series, boolean slopePerMethod) {
        Checks.require(!series.isEmpty(), "no estimates to combine");
        Checks.require(new HashSet<>(series.stream().map(MethodSeries::method).toList()).size() == series.size(),
                "method names must be distinct");
        int m = series.size();
        int p = slopePerMethod ? 2 * m : m + 1;
        int n = series.stream().mapToInt(s -> s.years().length).sum();
        Checks.require(n >= p, "%d estimates cannot fit %d parameters (a level per method and the rate)", n, p);
        double meanYear = 0;
        for (MethodSeries s : series) {
            for (int y : s.years()) {
                meanYear += y;
            }
        }
        meanYear /= n;
        RealMatrix xtvx = new Array2DRowRealMatrix(p, p);
        RealVector xtvz = new ArrayRealVector(p);
        List<double[][]> xs = new ArrayList<>();
        List<double[]> zs = new ArrayList<>();
        List<RealMatrix> vinvs = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            MethodSeries s = series.get(k);
            int nk = s.years().length;
            double[][] x = new double[nk][p];
            double[] z = new double[nk];
            for (int j = 0; j < nk; j++) {
                x[j][k] = 1;
                x[j][slopePerMethod ? m + k : m] = s.years()[j] - meanYear;
                z[j] = Math.log(s.estimates()[j]);
            }
            RealMatrix vinv = new CholeskyDecomposition(new Array2DRowRealMatrix(s.logCovariance())).getSolver()
                    .getInverse();
            RealMatrix xm = new Array2DRowRealMatrix(x);
            xtvx = xtvx.add(xm.transpose().multiply(vinv).multiply(xm));
            xtvz = xtvz.add(xm.transpose().operate(vinv.operate(new ArrayRealVector(z))));
            xs.add(x);
            zs.add(z);
            vinvs.add(vinv);
        }
        RealMatrix cov = new CholeskyDecomposition(xtvx).getSolver().getInverse();
        RealVector beta = cov.operate(xtvz);
        double residual = 0;
        for (int k = 0; k < m; k++) {
            RealVector r = new ArrayRealVector(zs.get(k)).subtract(new Array2DRowRealMatrix(xs.get(k)).operate(beta));
            residual += r.dotProduct(vinvs.get(k).operate(r));
        }
        return new Gls(beta, cov, residual, n, p);
    }
}
