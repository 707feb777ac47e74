/** JMH benchmarks of secr4j's likelihood and fits; inputs in {@link org.secr4j.benchmarks.Scenario}. */
package org.secr4j.benchmarks;
