/** Peak heap and allocation per evaluation of the benchmark scenarios (issue #4's memory item). */
package org.secr4j.benchmarks.memory;
