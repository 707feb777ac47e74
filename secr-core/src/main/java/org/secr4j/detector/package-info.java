/**
 * Where sampling happened: {@link org.secr4j.detector.DetectorArray} (secr's {@code traps}) with
 * its {@link org.secr4j.detector.DetectorType}, usage and covariates. Coordinates are metres.
 */
package org.secr4j.detector;
