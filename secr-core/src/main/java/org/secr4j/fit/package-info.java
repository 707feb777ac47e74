/**
 * Optimisation: {@link org.secr4j.fit.SecrFitter} (start values → BFGS with the analytic gradient →
 * Hessian → covariance), configured by {@link org.secr4j.fit.FitOptions}.
 */
package org.secr4j.fit;
