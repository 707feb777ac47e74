package org.secr4j.design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.Formula;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.Link;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.RealParameter;
import org.secr4j.util.Checks;

/**
 * A {@link ModelSpec} bound to a detection function, a likelihood type and (for models with
 * terms) the data: the coefficient vector \( \beta \), its names in secr's style ({@code D},
 * {@code g0}, {@code g0.bTRUE}, {@code D.Session}, {@code g0.t2} …), each real parameter's link,
 * and its design row in a {@link Context}: \( \eta_p = x_p(\mathrm{context})^\top \beta_p \).
 *
 * <p>Variables: see {@link DesignVariable}. Terms are main effects and interactions; a factor in
 * a term is coded by treatment contrasts (first level the baseline) when the model has an
 * intercept, else by one indicator per level. A D formula may use the mask's coordinates
 * ({@code x}, {@code y}, {@code x2}, {@code y2}, {@code xy}) and covariates: D is then a
 * surface, \( \log D(x_m) = x_D(s, m)^\top\beta_D \) per mask point ({@link #densitySurface()},
 * {@link #densityDesign}), needing the masks at binding. Individual and detector covariates
 * are not bound by this version; naming one gives an error that lists the valid names.
 *
 * <p>Immutable; thread-safe.
 */
public final class ParameterLayout {
    private final DetectionFunction detectionFunction;
    private final LikelihoodType likelihoodType;
    private final List<RealParameter> parameters;
    private final Map<RealParameter, Link> links;
    private final Map<RealParameter, ParameterDesign> designs;
    private final List<String> names;
    private final int size;
    private final List<String> sessionIds;
    private final Map<RealParameter, Double> fixed;
    private final List<String> mixtureLabels;
    private final String hcov;
    private final ModelSpec spec;
    /** Individual covariates of a conditional-likelihood model (null without). */
    private final IndividualFrame individuals;

    private ParameterLayout(ModelSpec spec, DetectionFunction fn, LikelihoodType type, List<RealParameter> parameters,
            Map<RealParameter, Link> links, Map<RealParameter, ParameterDesign> designs, List<String> sessionIds,
            Map<RealParameter, Double> fixed, List<String> mixtureLabels, String hcov, IndividualFrame individuals) {
        this.individuals = individuals;
        this.spec = spec;
        this.fixed = fixed;
        this.mixtureLabels = mixtureLabels;
        this.hcov = hcov;
        this.detectionFunction = fn;
        this.likelihoodType = type;
        this.parameters = parameters;
        this.links = links;
        this.designs = designs;
        this.sessionIds = sessionIds;
        List<String> n = new ArrayList<>();
        int off = 0;
        for (RealParameter p : parameters) {
            ParameterDesign d = designs.get(p);
            d.offset = off;
            off += d.columns.size();
            for (String c : d.columns) {
                n.add(c.isEmpty() ? p.secrName() : p.secrName() + "." + c);
            }
        }
        this.names = List.copyOf(n);
        this.size = off;
    }

    /** Intercept-only models (no data needed); a formula with terms is an error naming it. */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type) {
        return bind(spec, fn, type, Map.of(), null);
    }

    /** As {@link #bind(ModelSpec, DetectionFunction, LikelihoodType)} with non-default links. */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides) {
        return bind(spec, fn, type, linkOverrides, null);
    }

    /**
     * Binds {@code spec} to the data of {@code history} (sessions and occasions).
     *
     * @throws IllegalArgumentException for a parameter that the detection function does not have,
     *     a D formula with the conditional likelihood, or an unknown variable (the valid names are
     *     listed)
     */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history) {
        return bind(spec, fn, type, linkOverrides, history, (String) null);
    }

    /**
     * As {@link #bind(ModelSpec, DetectionFunction, LikelihoodType, Map, CaptureHistory)} with a
     * two-class mixture whose classes are the levels of individual covariate {@code hcov} (secr's
     * {@code hcov}, e.g. "sex"), or null for latent classes 1 and 2 when a formula uses {@code h2}
     * (classes 1, 2, 3 when it uses {@code h3}). A mixture adds {@code pmix} (formula {@code ~h2}: one
     * coefficient, the logit of class 2's probability; {@code ~h3}: two, the multinomial logits of
     * classes 2 and 3 against class 1).
     */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history, String hcov) {
        return bind(spec, fn, type, linkOverrides, history, hcov, null, ExtraCovariates.none());
    }

    private static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history, String hcov, List<HabitatMask> masks,
            ExtraCovariates extra) {
        List<RealParameter> params = new ArrayList<>();
        if (type == LikelihoodType.FULL) {
            params.add(RealParameter.D);
        }
        params.addAll(fn.parameters());
        boolean h2 = false;
        boolean h3 = false;
        for (RealParameter p : params) {
            h2 |= spec.formula(p).variables().contains("h2");
            h3 |= spec.formula(p).variables().contains("h3");
        }
        Checks.require(!(h2 && h3), "the formulas use both h2 and h3; a model has one finite mixture");
        Checks.require(!(h3 && hcov != null), "hcov gives two known classes (h2); h3 is a latent three-class mixture");
        boolean mixture = hcov != null || h2 || h3;
        List<String> labels = h3 ? List.of("1", "2", "3") : List.of("1", "2");
        if (hcov != null) {
            Checks.require(history != null, "hcov needs the capture history");
            java.util.TreeSet<String> levels = new java.util.TreeSet<>();
            for (var s : history.sessions()) {
                var c = s.individualCovariates().get(hcov);
                if (c.isEmpty()) {
                    throw new IllegalArgumentException("hcov: session '" + s.id() + "' has no individual covariate '" + hcov
                            + "'; individual covariates: " + s.individualCovariates().names());
                }
                Checks.require(c.get().isFactor(), "hcov '%s' must be a factor (e.g. sex F/M)", hcov);
                levels.addAll(c.get().levels());
            }
            Checks.require(levels.size() == 2, "hcov '%s' must have exactly 2 levels for an h2 mixture but has %s", hcov,
                    levels);
            labels = List.copyOf(levels);
        }
        if (mixture) {
            params.add(RealParameter.PMIX);
        }
        // individual covariates the detection formulas use (looked up first, as in secr)
        List<String> individualNames = new ArrayList<>();
        if (history != null) {
            for (RealParameter p : params) {
                if (p == RealParameter.D || p == RealParameter.PMIX) {
                    continue;
                }
                for (String name : spec.formula(p).variables()) {
                    if (DesignVariable.byName(name) == null && !name.equals("h3") && IndividualFrame.has(history, name)
                            && !individualNames.contains(name)) {
                        individualNames.add(name);
                    }
                }
            }
        }
        IndividualFrame individuals = null;
        if (!extra.groups().isEmpty()) {
            Checks.require(history != null, "groups need the capture history");
            Checks.require(!mixture, "groups %s and a finite mixture (h2, h3, hcov) together are not supported by this version",
                    extra.groups());
            Checks.require(individualNames.isEmpty(), "groups %s and individual covariates %s together are not supported by "
                    + "this version", extra.groups(), individualNames);
            individuals = IndividualFrame.groups(history, extra.groups());
        } else if (!individualNames.isEmpty()) {
            Checks.require(type == LikelihoodType.CONDITIONAL, "individual covariate(s) %s in a detection formula need the "
                    + "conditional likelihood (CL; --cl), as in secr; for sex-specific detection with the full likelihood use "
                    + "hcov (--hcov sex) with ~h2", individualNames);
            Checks.require(!mixture, "individual covariates %s and a finite mixture (h2, h3, hcov) together are not supported "
                    + "by this version", individualNames);
            individuals = IndividualFrame.of(history, individualNames);
        }
        Set<String> valid = new TreeSet<>();
        for (RealParameter p : params) {
            valid.add(p.secrName());
        }
        for (Map.Entry<RealParameter, Formula> e : spec.explicitFormulas().entrySet()) {
            RealParameter p = e.getKey();
            if (p == RealParameter.D && type == LikelihoodType.CONDITIONAL) {
                throw new IllegalArgumentException("the conditional likelihood does not estimate D; drop the formula '"
                        + e.getValue() + "' (D is derived afterwards)");
            }
            Checks.require(params.contains(p), "%s is not a parameter of this model (detection function %s%s); valid: %s",
                    p.secrName(), fn, type == LikelihoodType.CONDITIONAL ? ", conditional likelihood" : "", valid);
        }
        List<String> sessions = new ArrayList<>();
        int occasions = 1;
        if (history != null) {
            for (var s : history.sessions()) {
                sessions.add(s.id());
                occasions = Math.max(occasions, s.occasions());
            }
        }
        MaskFrame frame = masks == null || history == null ? null : MaskFrame.of(sessions, masks);
        DetectorFrame detectors = history == null ? null : DetectorFrame.of(history);
        if (history != null) {
            extra.check(occasions, sessions.size());
        }
        Map<RealParameter, Link> links = new EnumMap<>(RealParameter.class);
        Map<RealParameter, ParameterDesign> designs = new EnumMap<>(RealParameter.class);
        for (RealParameter p : params) {
            links.put(p, linkOverrides.getOrDefault(p, p.defaultLink()));
            Formula f = spec.formula(p);
            if (history == null && !f.isConstant()) {
                throw new IllegalArgumentException("formula '" + p.secrName() + " " + f.rhs()
                        + "' has terms: bind it to the data (ParameterLayout.bind(..., history))");
            }
            if (p == RealParameter.PMIX) {
                String h = mixtureName(labels);
                Checks.require(f.isConstant() || (f.terms().size() == 1 && f.variables().equals(Set.of(h))),
                        "pmix must be modelled as ~%s (or left out) but is '%s'", h, f);
                List<String> names = new ArrayList<>();
                List<List<ParameterDesign.Column>> cols = new ArrayList<>();
                for (int l = 1; l < labels.size(); l++) { // multinomial logit against class 1
                    names.add(h + labels.get(l));
                    cols.add(List.of(new ParameterDesign.Column(DesignVariable.MIXTURE, l)));
                }
                designs.put(p, new ParameterDesign(List.copyOf(names), Set.of(DesignVariable.MIXTURE), List.copyOf(cols)));
                continue;
            }
            designs.put(p, ParameterDesign.of(p, f, sessions, occasions, labels, frame, detectors, extra, individuals));
        }
        if (individuals != null && individuals.isGroups() && designs.containsKey(RealParameter.D)) {
            Checks.require(designs.get(RealParameter.D).frame == null, "groups with a density surface (%s) are not supported "
                    + "by this version", spec.formula(RealParameter.D));
        }
        return new ParameterLayout(spec, fn, type, List.copyOf(params), Collections.unmodifiableMap(links), designs,
                List.copyOf(sessions), Map.of(), mixture ? labels : List.of(), hcov, individuals);
    }

    /**
     * As {@link #bind(ModelSpec, DetectionFunction, LikelihoodType, Map, CaptureHistory)} with some
     * real parameters held at fixed values (secr's {@code fixed}); they get no coefficients.
     */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history, Map<RealParameter, Double> fixed) {
        return bind(spec, fn, type, linkOverrides, history, fixed, null);
    }

    /** Links, data, fixed parameters and hcov, without masks (D may not be a surface). */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history, Map<RealParameter, Double> fixed, String hcov) {
        return bind(spec, fn, type, linkOverrides, history, fixed, hcov, null);
    }

    /**
     * The full form: links, data, fixed parameters, hcov and the fitting masks (one per session or
     * one for all; null when D uses no mask variable). The masks fix the scaling of x and y and the
     * levels of factor covariates ({@link MaskFrame}).
     */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history, Map<RealParameter, Double> fixed, String hcov,
            List<HabitatMask> masks) {
        return bind(spec, fn, type, linkOverrides, history, fixed, hcov, masks, ExtraCovariates.none());
    }

    /**
     * The full form with time and session covariates (secr's {@code timecov} and {@code sessioncov}):
     * a name in a detection formula is looked up as a built-in variable, then a time covariate, a
     * detector covariate and a session covariate, the first match (as secr).
     */
    public static ParameterLayout bind(ModelSpec spec, DetectionFunction fn, LikelihoodType type,
            Map<RealParameter, Link> linkOverrides, CaptureHistory history, Map<RealParameter, Double> fixed, String hcov,
            List<HabitatMask> masks, ExtraCovariates extra) {
        ParameterLayout l = bind(spec, fn, type, linkOverrides, history, hcov, masks, extra);
        if (fixed.isEmpty()) {
            return l;
        }
        return l.withFixed(spec, fixed);
    }

    private ParameterLayout withFixed(ModelSpec spec, Map<RealParameter, Double> fx) {
        List<RealParameter> all = new ArrayList<>(parameters);
        Map<RealParameter, ParameterDesign> d = new EnumMap<>(RealParameter.class);
        for (RealParameter p : all) {
            d.put(p, designs.get(p).copy());
        }
        Set<String> valid = new TreeSet<>();
        for (RealParameter p : all) {
            valid.add(p.secrName());
        }
        for (Map.Entry<RealParameter, Double> e : fx.entrySet()) {
            RealParameter p = e.getKey();
            Checks.require(all.contains(p), "cannot fix %s: not a parameter of this model; valid: %s", p.secrName(), valid);
            Checks.require(spec.formula(p).isConstant(), "%s is fixed at %s and also has the formula '%s'; drop one",
                    p.secrName(), e.getValue(), spec.formula(p));
            double eta = links.get(p).toLink(e.getValue());
            Checks.require(Double.isFinite(eta), "fixed %s = %s is outside the range of its %s link", p.secrName(),
                    e.getValue(), links.get(p).secrName());
        }
        List<RealParameter> estimated = new ArrayList<>(all);
        estimated.removeAll(fx.keySet());
        Checks.require(!estimated.isEmpty(), "every parameter is fixed: nothing to estimate");
        Map<RealParameter, ParameterDesign> kept = new EnumMap<>(RealParameter.class);
        for (RealParameter p : estimated) {
            kept.put(p, d.get(p));
        }
        return new ParameterLayout(spec, detectionFunction, likelihoodType, List.copyOf(estimated), links, kept, sessionIds,
                Map.copyOf(fx), mixtureLabels, hcov, individuals);
    }

    /** Number of mixture classes (1 without a mixture). */
    public int mixtureClasses() {
        return mixtureLabels.isEmpty() ? 1 : mixtureLabels.size();
    }

    /**
     * Number of individual-covariate classes (animals with equal values of the individual covariates
     * the detection formulas use; 0 when they use none). A class is a {@link Context#mixture()} index.
     */
    public int individualClasses() {
        return individuals == null ? 0 : individuals.classes();
    }

    /** Whether the individual classes are groups (secr's {@code groups}; formula variable g). */
    public boolean groups() {
        return individuals != null && individuals.isGroups();
    }

    /** The label of individual class c (groups: its levels joined by ".", e.g. "F"). */
    public String classLabel(int c) {
        return individuals.label(c);
    }

    /** The individual-covariate class of animal i of session s. */
    public int individualClass(int s, int i) {
        return individuals.classOf(s, i);
    }

    /**
     * The class index of a prediction at no particular animal: the reference class (numeric individual
     * covariates at their mean, factors at their first level) when formulas use individual covariates, else 0.
     */
    public int referenceClass() {
        return individualClasses();
    }

    /** The mixture's formula name: {@code h2} (two classes, latent or from hcov) or {@code h3} (three latent classes). */
    public String mixtureName() {
        return mixtureName(mixtureLabels);
    }

    static String mixtureName(List<String> labels) {
        return labels.size() == 3 ? "h3" : "h2";
    }

    /** Labels of the mixture classes (empty without a mixture). */
    public List<String> mixtureLabels() {
        return mixtureLabels;
    }

    /** The individual covariate that gives known classes (secr's hcov), or null. */
    public String hcov() {
        return hcov;
    }

    /**
     * Class probabilities \( \pi_c = e^{\eta_c} / \sum_k e^{\eta_k} \) with \( \eta_1 = 0 \) (the logit for two
     * classes); {1} without a mixture.
     */
    public double[] mixingProportions(double[] beta) {
        int c = mixtureClasses();
        if (c == 1) {
            return new double[] {1};
        }
        double[] eta = new double[c];
        for (int k = 1; k < c; k++) {
            eta[k] = eta(RealParameter.PMIX, new Context(0, 0, false, k), beta);
        }
        double[] pi = new double[c];
        multinomialLogit(eta, pi);
        return pi;
    }

    /**
     * The mixing proportions from their linear predictors (class 0 the reference, \( \eta_0 = 0 \)):
     * \( \pi_k = e^{\eta_k} / \sum_j e^{\eta_j} \), computed with the largest \( \eta \) taken out; into {@code pi}.
     */
    public static void multinomialLogit(double[] eta, double[] pi) {
        double max = 0;
        for (int k = 1; k < eta.length; k++) {
            max = Math.max(max, eta[k]);
        }
        double sum = 0;
        for (int k = 0; k < eta.length; k++) {
            pi[k] = Math.exp(eta[k] - max);
            sum += pi[k];
        }
        for (int k = 0; k < eta.length; k++) {
            pi[k] /= sum;
        }
    }

    /** Real parameters held at fixed values (secr's {@code fixed}); they have no coefficients. */
    public Map<RealParameter, Double> fixed() {
        return fixed;
    }

    public DetectionFunction detectionFunction() {
        return detectionFunction;
    }

    public LikelihoodType likelihoodType() {
        return likelihoodType;
    }

    /** Number of coefficients. */
    public int size() {
        return size;
    }

    /** Real parameters in coefficient order. */
    public List<RealParameter> parameters() {
        return parameters;
    }

    /** Coefficient names in secr's style. */
    public List<String> coefficientNames() {
        return names;
    }

    /** Index of the (first, intercept) coefficient of {@code p}, or -1 when absent. */
    public int indexOf(RealParameter p) {
        ParameterDesign d = designs.get(p);
        return d == null ? -1 : d.offset;
    }

    /** Number of coefficients of {@code p} (0 when absent). */
    public int columns(RealParameter p) {
        ParameterDesign d = designs.get(p);
        return d == null ? 0 : d.columns.size();
    }

    public Link link(RealParameter p) {
        Link l = links.get(p);
        if (l == null) { // not Checks.require: its arguments would be allocated on every call
            throw new IllegalArgumentException(Checks.format("%s is not a parameter of this model", p.secrName()));
        }
        return l;
    }

    /** Whether {@code p}'s formula uses variable {@code v}. */
    public boolean uses(RealParameter p, DesignVariable v) {
        ParameterDesign d = designs.get(p);
        return d != null && d.variables.contains(v);
    }

    /** Whether some detection parameter varies between detectors (bk, Bk, k, K or a detector covariate). */
    public boolean byDetector() {
        for (ParameterDesign d : designs.values()) {
            if (d.byDetector()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The behavioural responses some parameter uses, as {@link Context} response bits (B, bk, Bk, k,
     * K); {@code b} is {@link #uses(RealParameter, DesignVariable)} with {@link DesignVariable#LEARNED}.
     */
    public int responses() {
        int bits = 0;
        for (ParameterDesign d : designs.values()) {
            for (DesignVariable v : d.variables) {
                bits |= v.responseBit();
            }
        }
        return bits;
    }

    /** True when every parameter is {@code ~ 1}. */
    public boolean isConstant() {
        return size == parameters.size();
    }

    /** The design row of {@code p} in {@code c} (length {@link #columns}; empty for a fixed parameter). */
    public double[] row(RealParameter p, Context c) {
        ParameterDesign d = designs.get(p);
        return d == null ? new double[0] : d.row(c);
    }

    /** \( \eta_p = x_p^\top\beta_p \) in context {@code c}. */
    public double eta(RealParameter p, Context c, double[] beta) {
        Double f = fixed.get(p);
        if (f != null) {
            return link(p).toLink(f);
        }
        ParameterDesign d = designs.get(p);
        Checks.require(d != null, "%s is not a parameter of this model", p.secrName());
        return eta(p, d.row(c), beta);
    }

    /** \( \eta_p = x^\top\beta_p \) for a design row {@code x} of {@code p} (e.g. one of {@link #densityDesign}). */
    public double eta(RealParameter p, double[] x, double[] beta) {
        int off = designs.get(p).offset;
        double e = 0;
        for (int j = 0; j < x.length; j++) {
            e += x[j] * beta[off + j];
        }
        return e;
    }

    /** The real value of {@code p} in context {@code c}. */
    public double real(RealParameter p, Context c, double[] beta) {
        return link(p).fromLink(eta(p, c, beta));
    }

    /** The real value of {@code p} in the first session, first occasion, naive state. */
    public double real(RealParameter p, double[] beta) {
        return real(p, new Context(0, 0, false), beta);
    }

    /**
     * The layout with D in secr's {@code details$Dlambda} parameterisation: the first coefficient is
     * \( \log D_1 \) (density in the first session) and D's formula models the session-on-session
     * rate \( \lambda_t = D_{t+1}/D_t \) over the R − 1 transitions, so that
     * \( \log D_s = \log D_1 + \sum_{t < s} \log\lambda_t \). The formula's variables refer to the
     * later session of each transition: {@code D~1} is a constant λ (coefficient {@code D.lambda}),
     * {@code D~session} one λ per transition ({@code D.lambda}, {@code D.lambda.session<id>} by
     * treatment contrasts), {@code D~Session} a log-linear trend in λ. The model's likelihood is that
     * of the same D per session: {@code D~1} here is {@code D~Session} reparameterised.
     *
     * @throws IllegalArgumentException without a full likelihood, an estimated D with a log link and
     *     two sessions or more, or for a density surface
     */
    public ParameterLayout withDlambda() {
        ParameterDesign d = designs.get(RealParameter.D);
        Checks.require(likelihoodType == LikelihoodType.FULL && d != null,
                "Dlambda needs D estimated (a full-likelihood fit with D not fixed)");
        Checks.require(sessionIds.size() >= 2, "Dlambda needs two sessions or more but the data have %d", sessionIds.size());
        Checks.require(d.frame == null, "Dlambda models D per session; it does not take a density surface (%s)",
                spec.formula(RealParameter.D));
        Checks.require(links.get(RealParameter.D) == Link.LOG, "Dlambda needs the log link for D");
        Checks.require(d.lambda == null, "the layout is already in the Dlambda parameterisation");
        Formula f = spec.formula(RealParameter.D);
        List<String> transitions = sessionIds.subList(1, sessionIds.size());
        Checks.require(transitions.size() >= 2 || !f.variables().contains("session") || !f.hasIntercept(),
                "Dlambda with D~session needs three sessions or more (one rate per transition after the first)");
        ParameterDesign lambda = ParameterDesign.of(RealParameter.D, f, transitions, 1, mixtureLabels, null, null);
        List<String> cols = new ArrayList<>();
        cols.add("");
        for (String c : lambda.columns) {
            cols.add(c.isEmpty() ? "lambda" : "lambda." + c);
        }
        Set<DesignVariable> vars = new java.util.HashSet<>(lambda.variables);
        vars.add(DesignVariable.SESSION);
        Map<RealParameter, ParameterDesign> nd = new EnumMap<>(RealParameter.class);
        for (RealParameter p : parameters) {
            nd.put(p, p == RealParameter.D ? new ParameterDesign(List.copyOf(cols), Set.copyOf(vars), List.of(), null,
                    List.of(), lambda) : designs.get(p).copy());
        }
        return new ParameterLayout(spec, detectionFunction, likelihoodType, parameters, links, nd, sessionIds, fixed,
                mixtureLabels, hcov, individuals);
    }

    /** Whether D is in the Dlambda parameterisation ({@link #withDlambda()}). */
    public boolean dlambda() {
        ParameterDesign d = designs.get(RealParameter.D);
        return d != null && d.lambda != null;
    }

    /** Whether D is estimated and varies over the mask (its formula uses x, y, … or a mask covariate). */
    public boolean densitySurface() {
        ParameterDesign d = designs.get(RealParameter.D);
        return d != null && d.frame != null;
    }

    /**
     * D's design rows at every point of {@code mask} in session {@code s} ({@code [m][j]}; for a
     * constant D every row is that session's row). x and y are scaled by the fitting masks' mean and
     * SD, so {@code mask} may be a different mask (e.g. a region's cells) with the same covariates.
     *
     * @throws IllegalArgumentException when the mask lacks a covariate or a value that D needs
     */
    public double[][] densityDesign(int s, HabitatMask mask) {
        ParameterDesign d = designs.get(RealParameter.D);
        Checks.require(d != null, "D is not estimated in this model");
        Context c = new Context(isConstant() ? 0 : s, 0, false);
        double[][] out = new double[mask.size()][];
        if (d.frame == null) {
            double[] row = d.row(c);
            for (int m = 0; m < out.length; m++) {
                out[m] = row;
            }
            return out;
        }
        double[][] pts = d.frame.points(s, mask, d.maskCovariates);
        for (int m = 0; m < out.length; m++) {
            out[m] = d.row(c, pts[m]);
        }
        return out;
    }

    /** Session IDs the layout was bound to (empty for intercept-only layouts bound without data). */
    public List<String> sessionIds() {
        return sessionIds;
    }

    /**
     * The design of one real parameter: columns named as in secr and a row per context (and, for a
     * density surface, per mask point: {@code frame} is then set and {@code maskCovariates} lists the
     * mask covariates the formula uses, in the order of the point vectors of {@link MaskFrame}).
     */
    static final class ParameterDesign {
        final List<String> columns;
        final Set<DesignVariable> variables;
        final List<List<Column>> termColumns;
        final MaskFrame frame;
        final List<String> maskCovariates;
        /** Dlambda: the rate's design over transitions (row t: into session t + 1); null otherwise. */
        final ParameterDesign lambda;
        /** Detector covariates the formula uses (in the order of {@link DetectorFrame#point}), and their frame. */
        final DetectorFrame detectorFrame;
        final List<String> detectorCovariates;
        int offset;

        ParameterDesign(List<String> columns, Set<DesignVariable> variables, List<List<Column>> termColumns) {
            this(columns, variables, termColumns, null, List.of(), null);
        }

        ParameterDesign(List<String> columns, Set<DesignVariable> variables, List<List<Column>> termColumns,
                MaskFrame frame, List<String> maskCovariates) {
            this(columns, variables, termColumns, frame, maskCovariates, null);
        }

        ParameterDesign(List<String> columns, Set<DesignVariable> variables, List<List<Column>> termColumns,
                MaskFrame frame, List<String> maskCovariates, ParameterDesign lambda) {
            this(columns, variables, termColumns, frame, maskCovariates, lambda, null, List.of());
        }

        ParameterDesign(List<String> columns, Set<DesignVariable> variables, List<List<Column>> termColumns,
                MaskFrame frame, List<String> maskCovariates, ParameterDesign lambda, DetectorFrame detectorFrame,
                List<String> detectorCovariates) {
            this.detectorFrame = detectorFrame;
            this.detectorCovariates = detectorCovariates;
            this.lambda = lambda;
            this.columns = columns;
            this.variables = variables;
            this.termColumns = termColumns;
            this.frame = frame;
            this.maskCovariates = maskCovariates;
        }

        ParameterDesign copy() {
            return new ParameterDesign(columns, variables, termColumns, frame, maskCovariates, lambda, detectorFrame,
                    detectorCovariates);
        }

        /**
         * One factor level indicator or a numeric variable; {@code source} indexes a mask point's
         * value vector ({@link MaskFrame#points}) for spatial variables.
         */
        record Column(DesignVariable variable, int level, int source, double[] table) {
            Column(DesignVariable variable, int level) {
                this(variable, level, -1, null);
            }

            Column(DesignVariable variable, int level, int source) {
                this(variable, level, source, null);
            }

            double value(Context c, double[] point) {
                return switch (variable) {
                    case SESSION -> c.session() == level ? 1 : 0;
                    case SESSION_TREND -> c.session();
                    case OCCASION -> c.occasion() == level ? 1 : 0;
                    case OCCASION_TREND -> c.occasion();
                    case LEARNED -> c.caught() ? 1 : 0;
                    case TRANSIENT, DETECTOR_LEARNED, DETECTOR_TRANSIENT, SITE_LEARNED, SITE_TRANSIENT ->
                        c.has(variable.responseBit()) ? 1 : 0;
                    case DETECTOR_COVARIATE -> level < 0 ? point[source] : (point[source] == level ? 1 : 0);
                    case TIME_COVARIATE -> level < 0 ? table[c.occasion()] : (table[c.occasion()] == level ? 1 : 0);
                    case GROUP -> (c.mixture() >= 0 && c.mixture() < source ? c.mixture() : 0) == level ? 1 : 0;
                    case INDIVIDUAL_COVARIATE -> { // the class is the context's mixture index; past the last: the reference
                        double x = table[c.mixture() >= 0 && c.mixture() < table.length ? c.mixture() : table.length - 1];
                        yield level < 0 ? x : (x == level ? 1 : 0);
                    }
                    case SESSION_COVARIATE -> level < 0 ? table[c.session()] : (table[c.session()] == level ? 1 : 0);
                    case MIXTURE -> c.mixture() == level ? 1 : 0;
                    case X -> point[0];
                    case Y -> point[1];
                    case X2 -> point[0] * point[0];
                    case Y2 -> point[1] * point[1];
                    case XY -> point[0] * point[1];
                    case MASK_COVARIATE -> level < 0 ? point[source] : (point[source] == level ? 1 : 0);
                };
            }
        }

        static ParameterDesign of(RealParameter p, Formula f, List<String> sessions, int occasions) {
            return of(p, f, sessions, occasions, List.of("1", "2"), null, null);
        }

        static ParameterDesign of(RealParameter p, Formula f, List<String> sessions, int occasions,
                List<String> mixtureLabels, MaskFrame frame, DetectorFrame detectors) {
            return of(p, f, sessions, occasions, mixtureLabels, frame, detectors, ExtraCovariates.none(), null);
        }

        static ParameterDesign of(RealParameter p, Formula f, List<String> sessions, int occasions,
                List<String> mixtureLabels, MaskFrame frame, DetectorFrame detectors, ExtraCovariates extra,
                IndividualFrame individuals) {
            List<String> names = new ArrayList<>();
            List<List<Column>> cols = new ArrayList<>();
            Set<DesignVariable> used = new java.util.HashSet<>();
            List<String> maskCovariates = new ArrayList<>();
            List<String> detectorCovariates = new ArrayList<>();
            boolean density = p == RealParameter.D;
            if (f.hasIntercept()) {
                names.add("");
                cols.add(List.of());
            }
            for (Set<String> term : f.terms()) {
                List<List<Column>> product = new ArrayList<>();
                product.add(new ArrayList<>());
                List<List<String>> labels = new ArrayList<>();
                labels.add(new ArrayList<>());
                boolean firstFactorFull = !f.hasIntercept();
                for (String name : term) {
                    // h3: the mixture variable of a three-class layout (h2 of a two-class one)
                    DesignVariable v = name.equals("h3") && mixtureLabels.size() == 3 ? DesignVariable.MIXTURE
                            : name.equals("h2") && mixtureLabels.size() == 3 ? null : DesignVariable.byName(name);
                    MaskFrame.Kind kind = density && v == null && frame != null ? frame.kind(name) : null;
                    if (kind != null) {
                        v = DesignVariable.MASK_COVARIATE;
                    } else if (!density && v == null && individuals != null && individuals.kind(name) != null) {
                        kind = individuals.kind(name);
                        v = DesignVariable.INDIVIDUAL_COVARIATE;
                    } else if (!density && v == null && extra.time() != null && extra.time().get(name).isPresent()) {
                        v = DesignVariable.TIME_COVARIATE;
                    } else if (!density && v == null && detectors != null && detectors.kind(name) != null) {
                        kind = detectors.kind(name);
                        v = DesignVariable.DETECTOR_COVARIATE;
                    } else if (!density && v == null && extra.session() != null && extra.session().get(name).isPresent()) {
                        v = DesignVariable.SESSION_COVARIATE;
                    }
                    if (v == null || (density && !v.allowedForDensity()) || (!density && !v.allowedForDetection())) {
                        String why = v != null && v.isSpatial() ? "' varies over the mask (only D may use it)"
                                : "'";
                        throw new IllegalArgumentException("formula '" + p.secrName() + " " + f.rhs()
                                + "': unknown variable '" + name + why + "; valid for " + p.secrName() + ": "
                                + validNames(p, frame, detectors, extra));
                    }
                    if (v.isSpatial() && frame == null) {
                        throw new IllegalArgumentException("formula '" + p.secrName() + " " + f.rhs() + "': '" + name
                                + "' varies over the mask; bind the model with its masks (ParameterLayout.bind(..., masks))");
                    }
                    if (v == DesignVariable.SESSION && sessions.size() < 2 && f.hasIntercept()) {
                        throw new IllegalArgumentException("formula '" + p.secrName() + " " + f.rhs()
                                + "': 'session' needs at least two sessions");
                    }
                    used.add(v);
                    List<List<Column>> next = new ArrayList<>();
                    List<List<String>> nextLabels = new ArrayList<>();
                    List<Column> options = new ArrayList<>();
                    List<String> optionLabels = new ArrayList<>();
                    boolean factor = v.isFactor();
                    switch (v) {
                        case SESSION -> {
                            for (int l = firstFactorFull ? 0 : 1; l < sessions.size(); l++) {
                                options.add(new Column(v, l));
                                optionLabels.add("session" + sessions.get(l));
                            }
                        }
                        case OCCASION -> {
                            for (int l = firstFactorFull ? 0 : 1; l < occasions; l++) {
                                options.add(new Column(v, l));
                                optionLabels.add("t" + (l + 1));
                            }
                        }
                        case MIXTURE -> {
                            for (int l = firstFactorFull ? 0 : 1; l < mixtureLabels.size(); l++) {
                                options.add(new Column(v, l));
                                optionLabels.add(mixtureName(mixtureLabels) + mixtureLabels.get(l));
                            }
                        }
                        case LEARNED, TRANSIENT, DETECTOR_LEARNED, DETECTOR_TRANSIENT, SITE_LEARNED, SITE_TRANSIENT -> {
                            if (firstFactorFull) {
                                throw new IllegalArgumentException("formula '" + p.secrName() + " " + f.rhs() + "': '"
                                        + name + "' without an intercept is not supported; use ~ " + name);
                            }
                            options.add(new Column(v, 1));
                            optionLabels.add(name + "TRUE");
                        }
                        case TIME_COVARIATE, SESSION_COVARIATE -> {
                            boolean time = v == DesignVariable.TIME_COVARIATE;
                            org.secr4j.covariate.Covariate cov = (time ? extra.time() : extra.session()).get(name).orElseThrow();
                            int rows = time ? occasions : sessions.size();
                            double[] table = new double[rows];
                            List<String> levels = cov.isFactor() ? List.copyOf(new TreeSet<>(cov.levels())) : List.of();
                            for (int r = 0; r < rows; r++) {
                                table[r] = cov.isFactor() ? (cov.textValue(r) == null ? Double.NaN : levels.indexOf(cov.textValue(r)))
                                        : cov.numericValue(r);
                                Checks.require(!Double.isNaN(table[r]), "formula '%s %s': %s covariate '%s' is missing (NA) for %s %s",
                                        p.secrName(), f.rhs(), time ? "time" : "session", name, time ? "occasion" : "session",
                                        time ? Integer.toString(r + 1) : "'" + sessions.get(r) + "'");
                            }
                            factor = cov.isFactor();
                            covariateColumns(v, name, levels, factor, firstFactorFull, -1, table, options, optionLabels);
                        }
                        case GROUP -> {
                            if (individuals == null || !individuals.isGroups()) {
                                throw new IllegalArgumentException("formula '" + p.secrName() + " " + f.rhs()
                                        + "': 'g' needs groups (secr's groups: FitOptions.withGroups, --groups sex)");
                            }
                            for (int l = firstFactorFull ? 0 : 1; l < individuals.classes(); l++) {
                                options.add(new Column(v, l, individuals.classes()));
                                optionLabels.add("g" + individuals.label(l));
                            }
                        }
                        case INDIVIDUAL_COVARIATE -> {
                            factor = kind.factor();
                            covariateColumns(v, name, kind.levels(), factor, firstFactorFull, -1, individuals.table(name),
                                    options, optionLabels);
                        }
                        case DETECTOR_COVARIATE -> {
                            int source = detectorCovariates.indexOf(name);
                            if (source < 0) {
                                source = detectorCovariates.size();
                                detectorCovariates.add(name);
                            }
                            factor = kind.factor();
                            Checks.require(!factor || !kind.levels().isEmpty(), "formula '%s %s': detector covariate '%s' has no values",
                                    p.secrName(), f.rhs(), name);
                            covariateColumns(v, name, kind.levels(), factor, firstFactorFull, source, null, options, optionLabels);
                        }
                        case MASK_COVARIATE -> {
                            int source = maskCovariates.indexOf(name);
                            if (source < 0) {
                                source = maskCovariates.size();
                                maskCovariates.add(name);
                            }
                            factor = kind.factor();
                            Checks.require(!factor || !kind.levels().isEmpty(), "formula '%s %s': mask covariate '%s' has no values",
                                    p.secrName(), f.rhs(), name);
                            covariateColumns(v, name, kind.levels(), factor, firstFactorFull, 2 + source, null, options,
                                    optionLabels);
                        }
                        default -> {
                            options.add(new Column(v, 0));
                            optionLabels.add(v.formulaName());
                        }
                    }
                    if (factor) {
                        firstFactorFull = false;
                    }
                    for (int i = 0; i < product.size(); i++) {
                        for (int o = 0; o < options.size(); o++) {
                            List<Column> c = new ArrayList<>(product.get(i));
                            c.add(options.get(o));
                            next.add(c);
                            List<String> lab = new ArrayList<>(labels.get(i));
                            lab.add(optionLabels.get(o));
                            nextLabels.add(lab);
                        }
                    }
                    product = next;
                    labels = nextLabels;
                }
                for (int i = 0; i < product.size(); i++) {
                    cols.add(List.copyOf(product.get(i)));
                    names.add(String.join(":", labels.get(i)));
                }
            }
            Checks.require(!cols.isEmpty(), "formula '%s %s' has no columns", p.secrName(), f.rhs());
            boolean spatial = false;
            for (DesignVariable v : used) {
                spatial |= v.isSpatial();
            }
            boolean byDetector = !detectorCovariates.isEmpty();
            return new ParameterDesign(List.copyOf(names), Set.copyOf(used), List.copyOf(cols), spatial ? frame : null,
                    List.copyOf(maskCovariates), null, byDetector ? detectors : null, List.copyOf(detectorCovariates));
        }

        /**
         * The columns of covariate {@code name}: one with its value when numeric; for a factor one
         * indicator per level by treatment contrasts (every level when {@code firstFull}, i.e. no
         * intercept and no factor before it). {@code source} indexes the point vector (mask and
         * detector covariates), {@code table} holds the values per occasion, session or class.
         */
        private static void covariateColumns(DesignVariable v, String name, List<String> levels, boolean factor,
                boolean firstFull, int source, double[] table, List<Column> options, List<String> labels) {
            if (!factor) {
                options.add(new Column(v, -1, source, table));
                labels.add(name);
                return;
            }
            for (int l = firstFull ? 0 : 1; l < levels.size(); l++) {
                options.add(new Column(v, l, source, table));
                labels.add(name + levels.get(l));
            }
        }

        static String validNames(RealParameter p, MaskFrame frame, DetectorFrame detectors, ExtraCovariates extra) {
            List<String> v = new ArrayList<>();
            boolean density = p == RealParameter.D;
            for (DesignVariable d : DesignVariable.values()) {
                if (!d.isCovariate() && (density ? d.allowedForDensity() : d.allowedForDetection())) {
                    v.add(d.formulaName());
                    if (d == DesignVariable.MIXTURE) {
                        v.add("h3");
                    }
                }
            }
            String out = String.join(", ", v);
            if (density) {
                out += frame == null || frame.names().isEmpty() ? "; mask covariates: none (give a mask with covariate columns)"
                        : "; mask covariates: " + String.join(", ", frame.names());
            } else {
                out += detectors == null || detectors.names().isEmpty() ? "; detector covariates: none"
                        : "; detector covariates: " + String.join(", ", detectors.names());
                if (extra.time() != null) {
                    out += "; time covariates: " + String.join(", ", extra.time().names());
                }
                if (extra.session() != null) {
                    out += "; session covariates: " + String.join(", ", extra.session().names());
                }
                out += "; individual covariates of the animals (conditional likelihood)";
            }
            return out;
        }

        /**
         * The row in context {@code c}: at the session's reference mask point for a surface; at the
         * context's detector (or the reference detector) when the formula uses detector covariates.
         */
        double[] row(Context c) {
            if (detectorFrame != null) {
                return row(c, detectorFrame.point(c.session(), c.occasion(), c.detector(), detectorCovariates));
            }
            return row(c, frame == null ? null : frame.reference(c.session(), maskCovariates));
        }

        /** Whether the row depends on the context's detector (bk, Bk, k, K or a detector covariate). */
        boolean byDetector() {
            for (DesignVariable v : variables) {
                if (v.byDetector()) {
                    return true;
                }
            }
            return false;
        }

        /** The row in context {@code c} at a mask point with value vector {@code point}. */
        double[] row(Context c, double[] point) {
            if (lambda != null) { // Dlambda: [1, sum over transitions into sessions 1..s of the rate's row]
                double[] x = new double[columns.size()];
                x[0] = 1;
                for (int t = 0; t < c.session(); t++) {
                    double[] r = lambda.row(new Context(t, 0, false));
                    for (int j = 0; j < r.length; j++) {
                        x[1 + j] += r[j];
                    }
                }
                return x;
            }
            double[] x = new double[termColumns.size()];
            for (int j = 0; j < x.length; j++) {
                double v = 1;
                for (Column col : termColumns.get(j)) {
                    v *= col.value(c, point);
                }
                x[j] = v;
            }
            return x;
        }
    }
}
