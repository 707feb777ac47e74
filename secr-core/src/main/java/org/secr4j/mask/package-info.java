/**
 * The region of integration: {@link org.secr4j.mask.HabitatMask} (secr's {@code mask}), built
 * around detectors with a buffer (secr's {@code trapbuffer} rule), from grid points, clipped to or
 * excluding JTS polygons. Cell areas are in hectares.
 */
package org.secr4j.mask;
