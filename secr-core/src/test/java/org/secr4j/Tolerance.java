package org.secr4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A named tolerance: |actual − expected| ≤ rel · max(scale, |expected|). */
public record Tolerance(String name, double relative, double scale) {
    /** Analytic derivatives against central differences. */
    public static final Tolerance GRADIENT = new Tolerance("gradient vs central difference", 1e-5, 1.0);
    /** Quantities that should agree up to floating-point reassociation. */
    public static final Tolerance ROUNDING = new Tolerance("rounding", 1e-11, 1.0);

    public static Tolerance relative(String name, double rel) {
        return new Tolerance(name, rel, 0);
    }

    /**
     * Checks the analytic gradient of {@code l} at {@code beta} against central differences of its
     * value with step {@code step} (tolerance {@link #GRADIENT}).
     */
    public static void assertGradientMatchesCentralDifferences(org.secr4j.likelihood.SecrLikelihood l, double[] beta,
            double step, String what) {
        double[] g = new double[beta.length];
        l.valueAndGradient(beta, g);
        for (int j = 0; j < beta.length; j++) {
            double[] up = beta.clone();
            double[] dn = beta.clone();
            up[j] += step;
            dn[j] -= step;
            GRADIENT.assertClose((l.value(up) - l.value(dn)) / (2 * step), g[j],
                    what + " " + l.layout().coefficientNames().get(j));
        }
    }

    public void assertClose(double expected, double actual, String what) {
        double bound = relative * Math.max(scale, Math.abs(expected));
        assertTrue(Math.abs(actual - expected) <= bound, () -> what + ": expected " + expected + " but was " + actual
                + " (|diff| " + Math.abs(actual - expected) + " > " + bound + ", tolerance " + name + ")");
    }
}
