package org.secr4j.likelihood;

/**
 * The Poisson term for the number detected in a full-likelihood hybrid mixture with known classes
 * (secr's {@code hcov}, e.g. sex), where class h has probability \( \pi_h \) independent of location
 * and the \( n_h \) detected animals of class h are Poisson with mean \( D\pi_h a_h(\theta) \).
 *
 * <p>Write the model's log-likelihood as
 * \[ \ell = \sum_i \log\frac{\Pr(\omega_i \mid h_i)}{a_{h_i}} + \sum_i \log\frac{\pi_{h_i} a_{h_i}}{a}
 *    + P(a),\qquad P(x) = n\log(Dx) - Dx,\quad a(\theta,\pi) = \sum_h \pi_h a_h(\theta) \]
 * (Borchers &amp; Efford 2008, with a class-specific detection model). R secr's coefficient covariance for
 * these models is that of the same likelihood with \( P(\bar a) \) in place of \( P(a) \), where
 * \( \bar a(\theta) = n/\sum_i a_{h_i}(\theta)^{-1} \) is the harmonic mean of the detected animals'
 * esas. At the maximum \( \hat\pi_h \propto n_h/a_h \), so \( a(\hat\theta,\hat\pi) = \bar a(\hat\theta) \): the
 * two have the same MLE and the same maximised log-likelihood, and differ only in the curvature in D
 * (with \( \bar a \), D is orthogonal to pmix and SE(D) leaves out pmix's share of the uncertainty in the
 * expected number detected). {@link #MIXTURE} is the model's own likelihood, whose SE of log D equals
 * secr's {@code derived()} CV of D; {@link #HARMONIC} reproduces secr's {@code vcov} (checked on
 * blackbear_EX_hcov: every SE within 1e-3).
 */
public enum HcovPoissonTerm {
    /** \( P(a) \) with the model's \( a(\theta,\pi) = \sum_h \pi_h a_h(\theta) \) (the default). */
    MIXTURE,
    /**
     * \( P(\bar a) \), \( \bar a = n/\sum_i a_{h_i}^{-1} \), as R secr: needs every detected animal's class
     * known, a Poisson full likelihood, and D constant within each session.
     */
    HARMONIC
}
