/**
 * The CI performance regression gate: {@link org.secr4j.benchmarks.gate.GateBenchmark} measures a
 * likelihood evaluation and a fixed reference computation in one run, and
 * {@link org.secr4j.benchmarks.gate.RegressionGate} fails when their ratio exceeds twice the stored
 * baseline.
 */
package org.secr4j.benchmarks.gate;
