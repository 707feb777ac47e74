package org.secr4j.design;

/**
 * Where a real parameter is evaluated: session (0-based), occasion (0-based; ignored by D),
 * learned-response state, and mixture class (0-based; 0 without a mixture).
 */
public record Context(int session, int occasion, boolean caught, int mixture) {
    /** A context of mixture class 0. */
    public Context(int session, int occasion, boolean caught) {
        this(session, occasion, caught, 0);
    }
}
