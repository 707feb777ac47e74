package org.secr4j.model;

/**
 * Link functions between a real parameter \( \theta \) and its linear predictor \( \eta \).
 *
 * <p>Immutable; thread-safe.
 */
public enum Link {
    /** \( \eta = \log\theta \), \( \theta = e^\eta \). */
    LOG {
        @Override public double toLink(double real) { return Math.log(real); }
        @Override public double fromLink(double eta) { return Math.exp(eta); }
        @Override public double dRealDEta(double eta) { return Math.exp(eta); }
        @Override public double d2RealDEta2(double eta) { return Math.exp(eta); }
    },
    /** \( \eta = \log(\theta/(1-\theta)) \), \( \theta = 1/(1+e^{-\eta}) \). */
    LOGIT {
        @Override public double toLink(double real) { return Math.log(real / (1 - real)); }
        @Override public double fromLink(double eta) { return 1 / (1 + Math.exp(-eta)); }
        @Override public double dRealDEta(double eta) {
            double p = fromLink(eta);
            return p * (1 - p);
        }
        @Override public double d2RealDEta2(double eta) {
            double p = fromLink(eta);
            return p * (1 - p) * (1 - 2 * p);
        }
    },
    /** \( \eta = \theta \). */
    IDENTITY {
        @Override public double toLink(double real) { return real; }
        @Override public double fromLink(double eta) { return eta; }
        @Override public double dRealDEta(double eta) { return 1; }
        @Override public double d2RealDEta2(double eta) { return 0; }
    };

    /** \( \eta = \mathrm{link}(\theta) \). */
    public abstract double toLink(double real);

    /** \( \theta = \mathrm{link}^{-1}(\eta) \). */
    public abstract double fromLink(double eta);

    /** \( d\theta / d\eta \) at \( \eta \). */
    public abstract double dRealDEta(double eta);

    /** \( d^2\theta / d\eta^2 \) at \( \eta \). */
    public abstract double d2RealDEta2(double eta);

    /**
     * Standard error of the real parameter \( \theta = \mathrm{link}^{-1}(\eta) \) given
     * \( \mathrm{SE}(\hat\eta) \), as secr back-transforms it: for the log link the log-normal form
     * \( \theta\sqrt{\exp(\mathrm{SE}^2) - 1} \), otherwise the delta method
     * \( |d\theta/d\eta|\,\mathrm{SE} \).
     */
    public double realSe(double eta, double seEta) {
        if (this == LOG) {
            return Math.exp(eta) * Math.sqrt(Math.expm1(seEta * seEta));
        }
        return Math.abs(dRealDEta(eta)) * seEta;
    }

    /** secr's name ({@code "log"}, {@code "logit"}, {@code "identity"}). */
    public String secrName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
