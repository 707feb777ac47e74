package org.secr4j.simulate;

/**
 * One replicate of a simulation study: what was simulated and what the fit estimated.
 *
 * @param replicate 0-based replicate number
 * @param animals animals detected (n)
 * @param detections detections (n + recaptures)
 * @param estimate \( \hat D \) (animals/ha), NaN when the fit failed
 * @param se its SE
 * @param lcl lower 95% limit (log-scale Wald interval, secr's {@code predict})
 * @param ucl upper 95% limit
 * @param converged the optimizer converged and the Hessian was positive definite
 * @param failure why the fit failed, or null
 */
public record ReplicateResult(int replicate, int animals, int detections, double estimate, double se, double lcl,
        double ucl, boolean converged, String failure) {
    /** Whether the replicate gave a usable estimate with an interval. */
    public boolean usable() {
        return converged && Double.isFinite(estimate) && Double.isFinite(lcl) && Double.isFinite(ucl);
    }
}
