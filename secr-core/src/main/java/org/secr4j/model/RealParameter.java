package org.secr4j.model;

/**
 * The real parameters of an SECR model, with secr's names and default links.
 *
 * <p>Units: D animals per hectare; sigma and w metres; g0 and pmix probabilities; lambda0 an
 * expected number of detections (hazard) per occasion at unit usage; z dimensionless.
 *
 * <p>Immutable; thread-safe.
 */
public enum RealParameter {
    D("D", Link.LOG), G0("g0", Link.LOGIT), LAMBDA0("lambda0", Link.LOG), SIGMA("sigma", Link.LOG),
    Z("z", Link.LOG), W("w", Link.LOG), PMIX("pmix", Link.LOGIT);

    private final String secrName;
    private final Link defaultLink;

    RealParameter(String secrName, Link defaultLink) {
        this.secrName = secrName;
        this.defaultLink = defaultLink;
    }

    /** secr's name, e.g. {@code "g0"}. */
    public String secrName() {
        return secrName;
    }

    public Link defaultLink() {
        return defaultLink;
    }

    /** The parameter with secr's name {@code name} (exact case); the message lists the valid names. */
    public static RealParameter bySecrName(String name) {
        for (RealParameter p : values()) {
            if (p.secrName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown real parameter '" + name
                + "'; valid: D, g0, lambda0, sigma, z, w, pmix");
    }
}
