package org.secr4j.model;

/** Full likelihood (density estimated) or conditional on n (secr's {@code CL = TRUE}). */
public enum LikelihoodType {
    FULL, CONDITIONAL
}
