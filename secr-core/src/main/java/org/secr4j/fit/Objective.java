package org.secr4j.fit;

/** A smooth function to minimise, with its gradient. Implementations need not be thread-safe. */
@FunctionalInterface
public interface Objective {
    /** The value at {@code x}; writes the gradient into {@code gradient} (modified). */
    double valueAndGradient(double[] x, double[] gradient);
}
