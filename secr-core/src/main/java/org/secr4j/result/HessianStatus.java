package org.secr4j.result;

/** Whether the Hessian at the MLE gave a covariance matrix. */
public enum HessianStatus {
    /** Positive definite; SEs are available. */
    OK,
    /** Not positive definite (a singular or indefinite Hessian): SEs are NaN. */
    NOT_POSITIVE_DEFINITE,
    /** Not computed. */
    NOT_COMPUTED
}
