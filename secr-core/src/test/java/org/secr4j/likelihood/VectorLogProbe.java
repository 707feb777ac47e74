package org.secr4j.likelihood;

import jdk.incubator.vector.DoubleVector;

/** Applies {@link VectorProximityPass#log} to an array (length a multiple of the species length). */
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
}
