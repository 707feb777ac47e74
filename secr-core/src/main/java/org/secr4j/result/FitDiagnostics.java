package org.secr4j.result;

/**
 * How the optimisation went. Non-convergence and a Hessian that is not positive definite are
 * reported here, not thrown.
 *
 * @param converged the optimizer met its gradient criterion or, once it had a curvature estimate, its gain criterion
 *     ({@code FitOptions.withGainTolerance}); {@code message} says which
 * @param iterations quasi-Newton iterations
 * @param evaluations log-likelihood + gradient evaluations on the fit's masks, Hessian included
 * @param gradientNorm largest |∂ log L/∂β| at the estimate
 * @param hessianStatus whether the covariance matrix is available
 * @param hessianMethod how the Hessian behind the covariance matrix was computed
 * @param message the optimizer's last word
 * @param coarse the coarse stage on thinned masks that started the fit, or {@link CoarseStage#NONE}
 */
public record FitDiagnostics(boolean converged, int iterations, int evaluations, double gradientNorm,
        HessianStatus hessianStatus, HessianMethod hessianMethod, String message, CoarseStage coarse) {}
