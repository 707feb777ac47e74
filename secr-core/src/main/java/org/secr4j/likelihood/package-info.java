/**
 * The numerical core: {@link org.secr4j.likelihood.SecrLikelihood}, the full and conditional SECR
 * log-likelihood with analytic gradient for multi-catch, proximity and count detectors, with
 * usage, summed over sessions; evaluated in log space, in fixed mask blocks so that results do
 * not depend on the number of threads.
 */
package org.secr4j.likelihood;
