package org.secr4j.result;

/**
 * Number of activity centres in a region (secr's {@code region.N}): expected
 * \( E(N) = \int_R D(x)\,dx \) and realised \( N_R = \sum_i \Pr(x_i \in R \mid \omega_i)
 * + \int_R D(x)(1 - p_\cdot(x))\,dx \) (Efford &amp; Fewster 2013), with SEs and log-normal
 * intervals (for the realised number, on the undetected part, then shifted). The SE of the
 * realised number follows secr's {@code RN.method = "poisson"}.
 *
 * @param areaHectares area of the region's mask cells
 * @param detectedInRegion expected number of detected animals whose centre lies in the region
 */
public record RegionN(String session, double areaHectares, Estimate expected, Estimate realised,
        double detectedInRegion) {}
