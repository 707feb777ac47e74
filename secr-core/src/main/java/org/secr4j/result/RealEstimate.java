package org.secr4j.result;

import org.secr4j.model.Link;

/**
 * A real parameter estimate (secr's {@code predict}): the estimate, its delta-method SE
 * \( |d\theta/d\eta|\,\mathrm{SE}(\hat\eta) \), and the link-scale Wald interval back-transformed.
 * Units are secr's: D animals per hectare, sigma metres.
 */
public record RealEstimate(String parameter, Link link, double estimate, double se, double lcl, double ucl) {}
