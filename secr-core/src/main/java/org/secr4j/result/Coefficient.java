package org.secr4j.result;

/**
 * One coefficient on the link scale with its standard error and Wald interval
 * \( \hat\beta \pm z_{1-\alpha/2}\,\mathrm{SE} \) (secr's {@code coef}). SE and limits are NaN
 * when the Hessian could not be inverted.
 */
public record Coefficient(String name, double beta, double se, double lcl, double ucl) {}
