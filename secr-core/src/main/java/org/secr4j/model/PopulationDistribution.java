package org.secr4j.model;

/**
 * Distribution of the number of activity centres in the mask for the full likelihood: Poisson
 * (secr's default) or binomial with \( N = D \cdot A \) (secr's {@code details$distribution}).
 */
public enum PopulationDistribution {
    POISSON, BINOMIAL
}
