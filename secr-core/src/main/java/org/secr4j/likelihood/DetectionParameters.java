package org.secr4j.likelihood;

/**
 * Real detection parameters of one combination, with the factors that turn derivatives with
 * respect to \( \log\theta \) into derivatives with respect to the linear predictor:
 * \( c_\theta = (d\theta/d\eta)/\theta \) (1 for a log link, \( 1-g_0 \) for logit g0).
 *
 * @param a g0 or lambda0
 * @param sigma spatial scale (m)
 * @param z shape (unused by functions without one)
 * @param cA chain factor of a
 * @param cSigma chain factor of sigma
 * @param cZ chain factor of z (0 when unused)
 * @param logA \( \log a \), computed once
 */
record DetectionParameters(double a, double sigma, double z, double cA, double cSigma, double cZ, double logA) {
    DetectionParameters(double a, double sigma, double z, double cA, double cSigma, double cZ) {
        this(a, sigma, z, cA, cSigma, cZ, Math.log(a));
    }
}
