package org.secr4j.likelihood;

/**
 * Real detection parameters of one combination, with the factors that turn derivatives with
 * respect to \( \log\theta \) into derivatives with respect to the linear predictor:
 * \( c_\theta = (d\theta/d\eta)/\theta \) (1 for a log link, \( 1-g_0 \) for logit g0).
 *
 * <p>Mutable: the likelihood keeps one per combination and {@link #set sets} it at each evaluation, so
 * that an evaluation allocates nothing. The kernels only read it.
 */
final class DetectionParameters {
    private double a;
    private double sigma;
    private double z;
    private double cA;
    private double cSigma;
    private double cZ;
    private double logA;

    /**
     * @param a g0 or lambda0
     * @param sigma spatial scale (m)
     * @param z shape (unused by functions without one)
     * @param cA chain factor of a
     * @param cSigma chain factor of sigma
     * @param cZ chain factor of z (0 when unused)
     */
    DetectionParameters(double a, double sigma, double z, double cA, double cSigma, double cZ) {
        set(a, sigma, z, cA, cSigma, cZ);
    }

    /** Sets every value (arguments as the constructor's); \( \log a \) is computed once here. */
    void set(double a, double sigma, double z, double cA, double cSigma, double cZ) {
        this.a = a;
        this.sigma = sigma;
        this.z = z;
        this.cA = cA;
        this.cSigma = cSigma;
        this.cZ = cZ;
        this.logA = Math.log(a);
    }

    double a() {
        return a;
    }

    double sigma() {
        return sigma;
    }

    double z() {
        return z;
    }

    double cA() {
        return cA;
    }

    double cSigma() {
        return cSigma;
    }

    double cZ() {
        return cZ;
    }

    /** \( \log a \). */
    double logA() {
        return logA;
    }
}
