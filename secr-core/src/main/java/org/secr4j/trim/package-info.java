/**
 * TRIM: trends and indices for monitoring data from counts at sites over years (Pannekoek &amp; van
 * Strien 2005, TRIM 3 manual, Statistics Netherlands; van Strien, Pannekoek &amp; Gibbons 2001).
 *
 * <p>The counts \(f_{ij}\) of site \(i\) at time \(j\) follow a log-linear model
 * \( \ln\mu_{ij} = \alpha_i + x_{ij}^\top\beta \): model 1 (no time effects), model 2 (linear trend,
 * piecewise with changepoints), model 3 (a parameter per time point), optionally with categorical
 * covariates changing the trend. Parameters are estimated by generalised estimating equations with
 * \( \operatorname{Var}(f_i) = \sigma^2 D_{\mu_i}^{1/2} R_i D_{\mu_i}^{1/2} \), overdispersion
 * \(\sigma^2\) and AR(1) serial correlation \( R_{jk} = \rho^{|j-k|} \) (maximum likelihood when both
 * are off). Missing counts are imputed from the model; time totals, indices, overall slopes and
 * TRIM's trend classification follow.
 *
 * <p>Depends on no other secr4j model package.
 */
package org.secr4j.trim;
