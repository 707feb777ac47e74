package org.secr4j.result;

/**
 * How the Hessian \( H \) of \( -\log L \) at the MLE, whose inverse is the covariance of
 * \( \hat\beta \), is computed. Steps are relative to the coefficient: \( h_j = \eta\,\max(\cdot, 1) \).
 */
public enum HessianMethod {
    /**
     * Forward differences of the analytic gradient from the estimate, where the optimizer left its gradient:
     * \( H_{ij} = -[g_i(\beta + h_j e_j) - g_i(\beta)]/h_j \), \( h_j = 10^{-6}\max(|\beta_j|, 1) \), symmetrised:
     * p gradient calls, half of {@link #GRADIENT}'s. Its error is \( O(h) \): \( \tfrac{h_j}{2}\,\partial_i\partial_j^2 f \)
     * from the truncation, and the gradient's rounding over \( h_j \). On the 22 fits of {@code ../shared/reference}
     * the SEs it gives are within 3e-5 (relative) of {@link #GRADIENT}'s, most within 4e-6 (captdata h2's weakly
     * determined mixture coefficients are the 3e-5). A step of 1e-7 would cut the truncation tenfold but reach
     * the gradient's rounding, where the error stops falling (between 1e-7 and 1e-8 on captdata h2 and HR).
     * The default: SEs far inside their statistical meaning and the reference tolerance (1e-3), for p calls
     * fewer per fit.
     */
    FORWARD,
    /**
     * Central differences of the analytic gradient, \( H_{ij} = -[g_i(\beta + h_j e_j) - g_i(\beta - h_j e_j)]/(2h_j) \),
     * \( h_j = 10^{-4}\max(|\beta_j|, 1) \), symmetrised: 2p gradient calls, error \( O(h^2) \) (about 1e-8
     * relative): the most accurate of the three, for p calls more than {@link #FORWARD}.
     */
    GRADIENT,
    /**
     * What R's {@code nlm(hessian = TRUE)} returns, and so the SEs that secr reports for its default
     * Newton–Raphson fits: forward differences of log-likelihood values (Dennis &amp; Schnabel 1983,
     * <i>Numerical Methods for Unconstrained Optimization and Nonlinear Equations</i>, Algorithm A5.6.2)
     * with \( f = -\log L \), \( h_j = \eta\max(\beta_j, 1) \) (the signed β_j, nlm's typical size 1),
     * \( \eta = 10^{-\mathrm{ndigit}/3} = 10^{-4} \) (nlm's ndigit = 12):
     * \[ H_{jj} = \frac{f(\beta + 2h_je_j) - 2f(\beta + h_je_j) + f(\beta)}{h_j^2},\quad
     *    H_{ij} = \frac{f(\beta + h_ie_i + h_je_j) - f(\beta + h_ie_i) - f(\beta + h_je_j) + f(\beta)}{h_ih_j}. \]
     * p(p + 3)/2 value calls. Its error is \( O(h) \): about 1e-4 relative for well-determined
     * coefficients, but 0.5% in the SEs of the weakly determined ones of a finite mixture (captdata
     * h2: SE 1.8 on logit g0, 5.1 on logit pmix), where this method reproduces secr's SEs to 1.4e-4
     * and {@link #GRADIENT} differs from them by 0.57%. Use it to reproduce secr's numbers, not for accuracy.
     */
    NLM
}
