/**
 * What comes back from a fit: {@link org.secr4j.result.FittedModel} with coefficients, vcov,
 * predict, derived, region N and {@link org.secr4j.result.FitDiagnostics}.
 */
package org.secr4j.result;
