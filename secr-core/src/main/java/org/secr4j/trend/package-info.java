/** Multi-session change: density trend λ and session-on-session rates ({@link org.secr4j.trend.DensityTrend}). */
package org.secr4j.trend;
