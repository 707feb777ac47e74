package org.secr4j.likelihood;

import jdk.incubator.vector.DoubleVector;

/**
 * Applies {@link VectorProximityPass#log} and {@link VectorProximityPass#hazard1mv} to an array (length a
 * multiple of the species length).
 */
final class VectorLogProbe {
    private VectorLogProbe() {
    }

    static double[] log(double[] x) {
        var s = DoubleVector.SPECIES_PREFERRED;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i += s.length()) {
            VectorProximityPass.log(DoubleVector.fromArray(s, x, i)).intoArray(y, i);
        }
        return y;
    }

    static double[] hazard(double[] v) {
        var s = DoubleVector.SPECIES_PREFERRED;
        double[] h = new double[v.length];
        for (int i = 0; i < v.length; i += s.length()) {
            DoubleVector x = DoubleVector.fromArray(s, v, i);
            VectorProximityPass.hazard1mv(x, x.neg().add(1)).intoArray(h, i);
        }
        return h;
    }
}
