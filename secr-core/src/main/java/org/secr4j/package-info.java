/**
 * secr4j: spatially explicit capture–recapture on the JVM.
 *
 * <p>Units, once: distances in metres, areas in hectares, density in animals per hectare (secr's
 * conventions; {@link org.secr4j.derived.Density} converts to animals per 100 km²). The
 * half-normal detection function uses \( 2\sigma^2 \).
 *
 * <p>The pipeline, dependencies pointing one way:
 * <pre>
 *   detector ─▶ capture ─▶ mask ─▶ model ─▶ design ─▶ likelihood ─▶ fit ─▶ result ─▶ derived
 *   (DetectorArray) (CaptureHistory) (HabitatMask) (ModelSpec) (ParameterLayout) (SecrLikelihood)
 *                                                          (SecrFitter) (FittedModel)
 *   simulate: populations and capture histories for testing and design (a leaf)
 * </pre>
 * {@link org.secr4j.Secr} is the one-line facade over these stages.
 */
package org.secr4j;
