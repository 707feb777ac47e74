package org.secr4j.model;

import java.util.List;
import java.util.Locale;

/**
 * Detection functions of secr, as a function of the distance \( d \) (metres) between an
 * activity centre and a detector. g-type functions give the probability of detection per
 * occasion at unit usage; hazard-type functions give the hazard per occasion at unit usage
 * (Efford, Borchers &amp; Mowat 2013). Each is written \( a \cdot f(d; \sigma, z) \) with
 * \( a = g_0 \) or \( \lambda_0 \) and \( f(0) = 1 \):
 * <ul>
 *   <li>HN, HHN: \( f = \exp(-d^2 / 2\sigma^2) \)</li>
 *   <li>HR, HHR: \( f = 1 - \exp(-(d/\sigma)^{-z}) \)</li>
 *   <li>EX, HEX: \( f = \exp(-d/\sigma) \)</li>
 * </ul>
 * The half-normal uses \( 2\sigma^2 \) (secr's convention); Royle's and SPACECAP's \( \sigma \)
 * is \( \sqrt 2 \) times secr's.
 *
 * <p>Immutable; thread-safe.
 */
public enum DetectionFunction {
    HN(0, false, false), HR(1, false, true), EX(2, false, false),
    HHN(14, true, false), HHR(15, true, true), HEX(16, true, false);

    /**
     * At or below this value of \( r = (d/\sigma)^{-z} \) the hazard-rate shape takes its series
     * ({@link #shapes}): no exponential of \( -r \) and no log. Their first terms left out are below
     * \( 3\cdot 10^{-17} \) relative there.
     */
    static final double SERIES_BELOW = 0.01;

    private final int code;
    private final boolean hazard;
    private final boolean shaped;

    DetectionFunction(int code, boolean hazard, boolean shaped) {
        this.code = code;
        this.hazard = hazard;
        this.shaped = shaped;
    }

    /** secr's numeric code ({@code detectfn}). */
    public int secrCode() {
        return code;
    }

    /** True for hazard-type functions (HHN, HHR, HEX) whose intercept is lambda0. */
    public boolean isHazard() {
        return hazard;
    }

    /**
     * The hazard per occasion at unit usage for a {@link #value}: the value itself for hazard-type
     * functions, \( -\log(1 - g) \) for g-type functions.
     */
    public double toHazard(double value) {
        return hazard ? value : -Math.log1p(-value);
    }

    /** True when the function has the shape parameter z (HR, HHR). */
    public boolean hasShape() {
        return shaped;
    }

    /** The intercept parameter: g0 or lambda0. */
    public RealParameter intercept() {
        return hazard ? RealParameter.LAMBDA0 : RealParameter.G0;
    }

    /** The detection parameters in secr's order: g0|lambda0, sigma[, z]. */
    public List<RealParameter> parameters() {
        return shaped ? List.of(intercept(), RealParameter.SIGMA, RealParameter.Z)
                : List.of(intercept(), RealParameter.SIGMA);
    }

    /** Parses secr's name (HN, HR, EX, HHN, HHR, HEX) or numeric code. */
    public static DetectionFunction parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (DetectionFunction f : values()) {
            if (f.name().equals(n) || Integer.toString(f.code).equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown detection function '" + name
                + "'; valid: HN, HR, EX, HHN, HHR, HEX (or secr codes 0, 1, 2, 14, 15, 16)");
    }

    /**
     * The distance beyond which \( a f(d) \) is below {@code threshold} (metres): half-normal
     * \( \sigma\sqrt{2\log(a/t)} \), exponential \( \sigma\log(a/t) \), hazard rate
     * \( \sigma (a/t)^{1/z} \) (from \( 1 - e^{-u} \le u \)); 0 when \( a \le t \).
     */
    public double radius(double a, double sigma, double z, double threshold) {
        if (a <= threshold) {
            return 0;
        }
        double r = Math.log(a / threshold);
        switch (this) {
            case HN:
            case HHN:
                return sigma * Math.sqrt(2 * r);
            case EX:
            case HEX:
                return sigma * r;
            default:
                return sigma * Math.exp(r / z);
        }
    }

    /** Value \( a \cdot f(d) \): probability (g-type) or hazard (hazard-type) per occasion at unit usage. */
    public double value(double d, double a, double sigma, double z) {
        double[] out = new double[4];
        shape(d * d, sigma, z, out);
        return a * out[0];
    }

    /**
     * Gradient of {@link #value} with respect to {@code (a, sigma, z)} (z entry 0 when unused).
     */
    public double[] gradient(double d, double a, double sigma, double z) {
        double[] out = new double[4];
        shape(d * d, sigma, z, out);
        double v = a * out[0];
        return new double[] {out[0], v * out[2] / sigma, shaped ? v * out[3] / z : 0};
    }

    /**
     * The shape at squared distance {@code d2}: {@code out = {f, log f, ∂log f/∂log σ, ∂log f/∂log z}}.
     * Logs are computed without underflow far from the detector.
     */
    public void shape(double d2, double sigma, double z, double[] out) {
        double[] f = new double[1];
        double[] lf = new double[1];
        double[] ds = new double[1];
        double[] dz = new double[1];
        shapes(new double[] {d2}, 1, sigma, z, f, lf, ds, dz);
        out[0] = f[0];
        out[1] = lf[0];
        out[2] = ds[0];
        out[3] = dz[0];
    }

    /**
     * Vectorisable form of {@link #shape}: for {@code i < n}, from squared distances {@code d2[i]}
     * fills {@code f}, {@code logf}, {@code dLogSigma} (\( \partial\log f/\partial\log\sigma \)) and
     * {@code dLogZ} (\( \partial\log f/\partial\log z \); untouched for functions without z).
     */
    public void shapes(double[] d2, int n, double sigma, double z, double[] f, double[] logf, double[] dLogSigma,
            double[] dLogZ) {
        shapes(d2, n, sigma, z, f, logf, dLogSigma, dLogZ, 0);
    }

    /** As {@link #shapes(double[], int, double, double, double[], double[], double[], double[])}, writing outputs from index {@code o}. */
    public void shapes(double[] d2, int n, double sigma, double z, double[] f, double[] logf, double[] dLogSigma,
            double[] dLogZ, int o) {
        switch (this) {
            case HN:
            case HHN: {
                double c = 1 / (2 * sigma * sigma);
                for (int i = 0; i < n; i++) {
                    double lf = -d2[i] * c;
                    logf[o + i] = lf;
                    f[o + i] = Math.exp(lf);
                    dLogSigma[o + i] = -2 * lf;
                }
                break;
            }
            case EX:
            case HEX: {
                double c = 1 / sigma;
                for (int i = 0; i < n; i++) {
                    double lf = -Math.sqrt(d2[i]) * c;
                    logf[o + i] = lf;
                    f[o + i] = Math.exp(lf);
                    dLogSigma[o + i] = -lf;
                }
                break;
            }
            default: { // HR, HHR
                double logSigma = Math.log(sigma);
                for (int i = 0; i < n; i++) {
                    if (d2[i] == 0) {
                        f[o + i] = 1;
                        logf[o + i] = 0;
                        dLogSigma[o + i] = 0;
                        dLogZ[o + i] = 0;
                        continue;
                    }
                    double logr = -z * (0.5 * Math.log(d2[i]) - logSigma);
                    double r = Math.exp(logr);
                    double fi;
                    double lfi;
                    double ratio; // (∂f/∂r)·r / f = r e^{-r} / (1 - e^{-r}) = r / (e^r - 1)
                    if (r <= SERIES_BELOW) {
                        // f/r = (1 - e^{-r})/r = Σ (-r)^k/(k+1)!, log(f/r) = -r/2 + r²/24 - r⁴/2880 + …,
                        // r/(e^r - 1) = 1 - r/2 + r²/12 - r⁴/720 + … (Bernoulli numbers)
                        fi = r * (1 + r * (-1.0 / 2 + r * (1.0 / 6 + r * (-1.0 / 24 + r * (1.0 / 120
                                + r * (-1.0 / 720 + r * (1.0 / 5040)))))));
                        double r2 = r * r;
                        lfi = logr + r * (-1.0 / 2 + r * (1.0 / 24)) - r2 * r2 * (1.0 / 2880);
                        ratio = 1 + r * (-1.0 / 2 + r * (1.0 / 12)) - r2 * r2 * (1.0 / 720);
                    } else {
                        double e = Math.exp(-r);
                        fi = 1 - e;
                        lfi = Math.log(fi);
                        ratio = e * r / fi;
                    }
                    f[o + i] = fi;
                    logf[o + i] = lfi;
                    dLogSigma[o + i] = ratio * z;
                    dLogZ[o + i] = ratio * logr;
                }
            }
        }
    }
}
