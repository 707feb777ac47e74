/** Quantities computed from a fit, with units in their names ({@link org.secr4j.derived.Density}). */
package org.secr4j.derived;
