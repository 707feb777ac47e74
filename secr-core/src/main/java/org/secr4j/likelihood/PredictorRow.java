package org.secr4j.likelihood;

import org.secr4j.design.Context;
import org.secr4j.design.ParameterLayout;
import org.secr4j.model.Link;
import org.secr4j.model.RealParameter;

/**
 * One real parameter's linear predictor in one context, \( \eta = x^\top\beta_p \), with the design row
 * x taken from the layout once (rows do not depend on β), so that an evaluation builds none; a parameter
 * held fixed has the link value of its fixed value instead. The same arithmetic as
 * {@link ParameterLayout#eta(RealParameter, Context, double[])}.
 */
final class PredictorRow {
    final Link link;
    /** The design row (empty when the parameter has no coefficients). */
    final double[] x;
    /** The index of the parameter's first coefficient in β, or -1. */
    final int offset;
    private final boolean fixed;
    private final double fixedEta;

    private PredictorRow(Link link, double[] x, int offset, boolean fixed, double fixedEta) {
        this.link = link;
        this.x = x;
        this.offset = offset;
        this.fixed = fixed;
        this.fixedEta = fixedEta;
    }

    static PredictorRow of(ParameterLayout layout, RealParameter p, Context c) {
        Link link = layout.link(p);
        Double f = layout.fixed().get(p);
        return new PredictorRow(link, layout.row(p, c), layout.indexOf(p), f != null, f != null ? link.toLink(f) : 0);
    }

    double eta(double[] beta) {
        if (fixed) {
            return fixedEta;
        }
        double e = 0;
        for (int j = 0; j < x.length; j++) {
            e += x[j] * beta[offset + j];
        }
        return e;
    }
}
