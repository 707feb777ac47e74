/** Benchmarks of whole SECR fits. */
package org.secr4j.benchmarks.fit;
