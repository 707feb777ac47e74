/**
 * Reproducible simulation: {@link org.secr4j.simulate.Population} (activity centres) and
 * {@link org.secr4j.simulate.CaptureSimulator} (capture histories). Every call takes an explicit
 * {@link java.util.random.RandomGenerator}.
 */
package org.secr4j.simulate;
