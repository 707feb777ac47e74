package org.secr4j.result;

/**
 * secr's {@code derived()} for one session: the effective sampling area \( a(\hat\theta) \) (ha)
 * with delta-method SE, and the Horvitz–Thompson density \( \hat D = n / a \) (animals/ha) with
 * \( \mathrm{CV}(\hat D)^2 = \mathrm{CV}_n^2 + \mathrm{CV}_a^2 \), \( \mathrm{CV}_n = 1/\sqrt n \)
 * (Poisson n), \( \mathrm{CV}_a \) from the delta method (Borchers &amp; Efford 2008).
 */
public record DerivedEstimates(String session, int n, Estimate esaHectares, Estimate densityPerHectare, double cvN,
        double cvA) {}
