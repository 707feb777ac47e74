/** Benchmarks of one SECR log-likelihood evaluation. */
package org.secr4j.benchmarks.likelihood;
