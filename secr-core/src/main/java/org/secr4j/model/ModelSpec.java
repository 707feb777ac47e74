package org.secr4j.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import org.secr4j.util.Checks;

/**
 * What the user asks for, apart from any data: one formula per real parameter (as secr's
 * {@code model = list(D ~ 1, g0 ~ b, sigma ~ 1)}). Parameters not named default to {@code ~ 1}.
 *
 * <p>Immutable; thread-safe.
 */
public final class ModelSpec {
    private final Map<RealParameter, Formula> formulas;

    private ModelSpec(Map<RealParameter, Formula> formulas) {
        this.formulas = formulas;
    }

    /** Parses formulas such as {@code "D~1"}, {@code "g0 ~ b"}; each must name its parameter. */
    public static ModelSpec of(String... formulas) {
        Map<RealParameter, Formula> map = new EnumMap<>(RealParameter.class);
        for (String f : formulas) {
            Formula parsed = Formula.parse(f);
            Checks.require(parsed.response() != null, "formula '%s' must name its parameter, e.g. 'g0 ~ 1'", f);
            RealParameter p = RealParameter.bySecrName(parsed.response());
            Checks.require(map.put(p, parsed) == null, "parameter %s has two formulas", p.secrName());
        }
        return new ModelSpec(Collections.unmodifiableMap(map));
    }

    /** The null model (every parameter {@code ~ 1}). */
    public static ModelSpec constant() {
        return new ModelSpec(Map.of());
    }

    /** The formula of {@code p}, {@code ~ 1} when not given. */
    public Formula formula(RealParameter p) {
        return formulas.getOrDefault(p, Formula.constant());
    }

    /** The formulas given explicitly. */
    public Map<RealParameter, Formula> explicitFormulas() {
        return formulas;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        formulas.forEach((p, f) -> j.add(p.secrName() + f.rhs()));
        return j.length() == 0 ? "~1 for every parameter" : j.toString();
    }
}
