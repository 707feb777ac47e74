package org.secr4j.design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.Formula;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.Link;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;
import org.secr4j.util.Checks;

/**
 * A {@link ModelSpec} bound to a detection function and likelihood type: the coefficient
 * vector \( \beta \), its names in secr's style ({@code D}, {@code g0}, {@code sigma}, {@code z}),
 * and the link of each real parameter.
 *
 * <p>This version binds intercept-only formulas ({@code ~ 1}) per parameter; density is
 * homogeneous within a session and shared across sessions. A formula with terms is refused with
 * a message naming the term.
 *
 * <p>Immutable; thread-safe.
 */
public final class ParameterLayout {
    private final DetectionFunction detectionFunction;
    private final LikelihoodType likelihoodType;
    private final List<RealParameter> parameters;
    private final Map<RealParameter, Link> links;

    private ParameterLayout(DetectionFunction fn, LikelihoodType type, List<RealParameter> parameters,
            Map<RealParameter, Link> links) {
        this.detectionFunction = fn;
        this.likelihoodType = type;
        this.parameters = parameters;
        this.links = links;
    }

    /**
     * Binds {@code spec}. D is estimated only with the full likelihood.
     *
     * @throws IllegalArgumentException for a parameter that the detection function does not have
     *     (the valid ones are listed), a D formula with the conditional likelihood, or a formula with
     *     terms (named)
     */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type) {
        return bind(spec, fn, type, Map.of());
    }

    /** As {@link #bind(ModelSpec, DetectionFunction, LikelihoodType)} with non-default links. */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides) {
        List<RealParameter> params = new ArrayList<>();
        if (type == LikelihoodType.FULL) {
            params.add(RealParameter.D);
        }
        params.addAll(fn.parameters());
        Set<String> valid = new TreeSet<>();
        params.forEach(p -> valid.add(p.secrName()));
        for (Map.Entry<RealParameter, Formula> e : spec.explicitFormulas().entrySet()) {
            RealParameter p = e.getKey();
            if (p == RealParameter.D && type == LikelihoodType.CONDITIONAL) {
                throw new IllegalArgumentException("the conditional likelihood does not estimate D; drop the formula '"
                        + e.getValue() + "' (D is derived afterwards)");
            }
            Checks.require(params.contains(p), "%s is not a parameter of this model (detection function %s%s); valid: %s",
                    p.secrName(), fn, type == LikelihoodType.CONDITIONAL ? ", conditional likelihood" : "", valid);
            Formula f = e.getValue();
            Checks.require(f.hasIntercept(), "formula '%s' has no intercept; this version fits one coefficient per parameter",
                    f);
            if (!f.terms().isEmpty()) {
                throw new IllegalArgumentException("formula '" + f + "': term '" + String.join(":", f.terms().get(0))
                        + "' is not supported by this version of secr4j, which fits intercept-only models (~1) for "
                        + valid + "; covariates, b, t, session and h2 terms come with model formulas");
            }
        }
        Map<RealParameter, Link> links = new EnumMap<>(RealParameter.class);
        for (RealParameter p : params) {
            links.put(p, linkOverrides.getOrDefault(p, p.defaultLink()));
        }
        return new ParameterLayout(fn, type, List.copyOf(params), Collections.unmodifiableMap(links));
    }

    public DetectionFunction detectionFunction() {
        return detectionFunction;
    }

    public LikelihoodType likelihoodType() {
        return likelihoodType;
    }

    /** Number of coefficients. */
    public int size() {
        return parameters.size();
    }

    /** Real parameters in coefficient order. */
    public List<RealParameter> parameters() {
        return parameters;
    }

    /** Coefficient names in secr's style (intercepts carry the parameter's name). */
    public List<String> coefficientNames() {
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.secrName()));
        return names;
    }

    /** Index of the coefficient of {@code p}, or -1 when absent. */
    public int indexOf(RealParameter p) {
        return parameters.indexOf(p);
    }

    public Link link(RealParameter p) {
        Link l = links.get(p);
        Checks.require(l != null, "%s is not a parameter of this model", p.secrName());
        return l;
    }

    /** The real value of {@code p} at coefficients {@code beta}. */
    public double real(RealParameter p, double[] beta) {
        return link(p).fromLink(beta[indexOf(p)]);
    }
}
