package org.secr4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.secr4j.design.Context;
import org.secr4j.design.DesignVariable;
import org.secr4j.design.ParameterLayout;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.RealParameter;
import org.secr4j.result.Coefficient;
import org.secr4j.result.DerivedEstimates;
import org.secr4j.result.Estimate;
import org.secr4j.result.FittedModel;
import org.secr4j.result.RealEstimate;
import org.secr4j.result.RegionN;

/**
 * The JSON of {@code secr4j fit} (../shared/docs/cli.md). With several sessions, {@code derived}
 * and {@code regionN} are objects keyed by session ID; with one, the session's values directly.
 * Non-finite numbers (SEs without a Hessian) are written as null.
 */
final class FitJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FitJson() {}

    static ObjectNode of(FittedModel fit) {
        ObjectNode o = F.objectNode();
        o.set("logLik", num(fit.logLikelihood()));
        o.put("npar", fit.parameterCount());
        o.set("AIC", num(fit.aic()));
        o.set("AICc", num(fit.aicc()));
        o.put("n", fit.animalCount());
        o.put("detectfn", fit.layout().detectionFunction().name());
        o.put("likelihood", fit.layout().likelihoodType() == LikelihoodType.FULL ? "full" : "conditional");
        if (fit.layout().hcov() != null) { // known-class mixture: which Poisson term the SEs come from (--hcov-poisson)
            o.put("hcovPoissonTerm", fit.likelihoodOptions().hcovPoissonTerm().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode coefs = o.putArray("coefficients");
        for (Coefficient c : fit.coefficients()) {
            ObjectNode n = coefs.addObject();
            n.put("name", c.name());
            n.set("beta", num(c.beta()));
            n.set("se", num(c.se()));
            n.set("lcl", num(c.lcl()));
            n.set("ucl", num(c.ucl()));
        }
        ArrayNode vcov = o.putArray("vcov");
        for (double[] row : fit.vcov()) {
            ArrayNode r = vcov.addArray();
            for (double v : row) {
                r.add(num(v));
            }
        }
        ObjectNode real = o.putObject("real");
        List<RealParameter> reals = new java.util.ArrayList<>(fit.layout().fixed().keySet());
        reals.addAll(fit.layout().parameters());
        for (RealParameter p : reals) { // fixed parameters: one row, SE 0 (from predict), marked fixed
            ArrayNode rows = real.putArray(p.secrName());
            for (Context c : levels(fit, p)) {
                RealEstimate r = fit.predict(c).get(p);
                ObjectNode row = rows.addObject();
                row.set("estimate", num(r.estimate()));
                row.set("se", num(r.se()));
                row.set("lcl", num(r.lcl()));
                row.set("ucl", num(r.ucl()));
                row.put("link", r.link().secrName());
                if (fit.layout().fixed().containsKey(p)) {
                    row.put("fixed", true);
                }
                ObjectNode level = row.putObject("level");
                ParameterLayout l = fit.layout();
                if (l.uses(p, DesignVariable.SESSION) || l.uses(p, DesignVariable.SESSION_TREND)) {
                    level.put("session", fit.captureHistory().session(c.session()).id());
                }
                if (l.uses(p, DesignVariable.OCCASION) || l.uses(p, DesignVariable.OCCASION_TREND)) {
                    level.put("t", Integer.toString(c.occasion() + 1));
                }
                if (l.uses(p, DesignVariable.LEARNED)) {
                    level.put("b", c.caught() ? "TRUE" : "FALSE");
                }
                for (DesignVariable v : RESPONSES) {
                    if (l.uses(p, v)) {
                        level.put(v.formulaName(), c.has(v.responseBit()) ? "TRUE" : "FALSE");
                    }
                }
                if (l.uses(p, DesignVariable.GROUP)) {
                    level.put("g", l.classLabel(c.mixture()));
                }
                if (l.uses(p, DesignVariable.INDIVIDUAL_COVARIATE)) {
                    // secr's predict() default: individual covariates at their mean / first level
                    level.put("individual", "reference");
                }
                if (l.uses(p, DesignVariable.DETECTOR_COVARIATE)) {
                    // secr's predict() default: detector covariates at their mean / first level
                    level.put("detector", "reference");
                }
                if (l.uses(p, DesignVariable.MIXTURE)) {
                    level.put(l.mixtureName(), l.mixtureLabels().get(c.mixture()));
                }
                if (p == RealParameter.D && l.densitySurface()) {
                    // a surface: secr's predict() default, the mask centre with covariates at mean / first level
                    level.put("maskPoint", "reference");
                }
            }
        }
        List<DerivedEstimates> derived = fit.derived();
        if (derived.size() == 1) {
            o.set("derived", derived(derived.get(0)));
        } else {
            ObjectNode d = o.putObject("derived");
            derived.forEach(x -> d.set(x.session(), derived(x)));
        }
        if (fit.layout().likelihoodType() == LikelihoodType.FULL) {
            List<RegionN> rn = fit.regionN();
            if (rn.size() == 1) {
                o.set("regionN", region(rn.get(0)));
            } else {
                ObjectNode r = o.putObject("regionN");
                rn.forEach(x -> r.set(x.session(), region(x)));
            }
        }
        if (fit.layout().likelihoodType() == LikelihoodType.FULL && fit.captureHistory().sessionCount() > 1
                && fit.layout().indexOf(RealParameter.D) >= 0) {
            if (org.secr4j.trend.DensityTrend.hasConstantLambda(fit)) {
                o.set("lambda", estimate(org.secr4j.trend.DensityTrend.lambda(fit)));
            }
            ArrayNode rates = o.putArray("sessionRates");
            for (var r : org.secr4j.trend.DensityTrend.sessionRates(fit)) {
                ObjectNode n = estimate(r.lambda());
                n.put("from", r.from());
                n.put("to", r.to());
                rates.add(n);
            }
        }
        ObjectNode opt = o.putObject("optimizer");
        opt.put("converged", fit.diagnostics().converged());
        opt.put("iterations", fit.diagnostics().iterations());
        opt.put("evaluations", fit.diagnostics().evaluations());
        opt.set("gradientNorm", num(fit.diagnostics().gradientNorm()));
        opt.put("hessian", fit.diagnostics().hessianStatus().name());
        opt.put("hessianMethod", fit.diagnostics().hessianMethod().name().toLowerCase(java.util.Locale.ROOT));
        opt.put("message", fit.diagnostics().message());
        // the coarse stage on thinned masks (FitOptions.withCoarseFit): its evaluations are not in "evaluations"
        ObjectNode coarse = opt.putObject("coarse");
        coarse.put("maskPoints", fit.diagnostics().coarse().maskPoints());
        coarse.put("evaluations", fit.diagnostics().coarse().evaluations());
        coarse.put("used", fit.diagnostics().coarse().used());
        coarse.put("note", fit.diagnostics().coarse().note());
        ObjectNode timing = o.putObject("timing");
        timing.put("fitSeconds", fit.fitSeconds());
        timing.put("threads", fit.likelihoodOptions().threads());
        // whether the Vector API kernel was open to the fit (the JVM has jdk.incubator.vector, as the launcher starts it)
        timing.put("vectorKernel", SecrLikelihood.usesVectorKernel(fit.captureHistory(), fit.masks(), fit.layout(), fit.likelihoodOptions()));
        ArrayNode w = o.putArray("warnings");
        fit.warnings().forEach(w::add);
        return o;
    }

    /** The behavioural responses other than b, in the order of their level keys. */
    private static final List<DesignVariable> RESPONSES = List.of(DesignVariable.TRANSIENT, DesignVariable.DETECTOR_LEARNED,
            DesignVariable.DETECTOR_TRANSIENT, DesignVariable.SITE_LEARNED, DesignVariable.SITE_TRANSIENT);

    /**
     * One context per distinct level of the variables {@code p}'s formula uses (secr's predict rows);
     * each behavioural response FALSE and TRUE; detector covariates at the reference detector.
     */
    static List<Context> levels(FittedModel fit, RealParameter p) {
        ParameterLayout l = fit.layout();
        List<Integer> bits = new java.util.ArrayList<>();
        for (DesignVariable v : RESPONSES) {
            if (l.uses(p, v)) {
                bits.add(v.responseBit());
            }
        }
        boolean bySession = l.uses(p, DesignVariable.SESSION) || l.uses(p, DesignVariable.SESSION_TREND);
        boolean byOccasion = l.uses(p, DesignVariable.OCCASION) || l.uses(p, DesignVariable.OCCASION_TREND);
        boolean byB = l.uses(p, DesignVariable.LEARNED);
        int classes = l.uses(p, DesignVariable.MIXTURE) ? l.mixtureClasses()
                : l.uses(p, DesignVariable.GROUP) ? l.individualClasses() : 1;
        List<Context> out = new java.util.ArrayList<>();
        int sessions = bySession ? fit.captureHistory().sessionCount() : 1;
        for (int s = 0; s < sessions; s++) {
            int occasions = byOccasion ? fit.captureHistory().session(s).occasions() : 1;
            for (int t = 0; t < occasions; t++) {
                for (int m = 0; m < classes; m++) {
                    for (int r = 0; r < 1 << bits.size(); r++) {
                        int responses = 0;
                        for (int j = 0; j < bits.size(); j++) {
                            responses |= (r >> j & 1) != 0 ? bits.get(j) : 0;
                        }
                        int cls = l.uses(p, DesignVariable.MIXTURE) || l.uses(p, DesignVariable.GROUP) ? m : l.referenceClass();
                        out.add(new Context(s, t, false, cls, -1, responses));
                        if (byB) {
                            out.add(new Context(s, t, true, cls, -1, responses));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode derived(DerivedEstimates d) {
        ObjectNode o = F.objectNode();
        o.set("esa", estimate(d.esaHectares()));
        ObjectNode dens = estimate(d.densityPerHectare());
        dens.set("CVn", num(d.cvN()));
        dens.set("CVa", num(d.cvA()));
        o.set("D", dens);
        o.put("n", d.n());
        return o;
    }

    private static ObjectNode region(RegionN r) {
        ObjectNode o = F.objectNode();
        o.set("expected", estimate(r.expected()));
        o.set("realised", estimate(r.realised()));
        o.set("areaHectares", num(r.areaHectares()));
        return o;
    }

    private static ObjectNode estimate(Estimate e) {
        ObjectNode o = F.objectNode();
        o.set("estimate", num(e.estimate()));
        o.set("se", num(e.se()));
        o.set("lcl", num(e.lcl()));
        o.set("ucl", num(e.ucl()));
        return o;
    }

    private static JsonNode num(double v) {
        return Double.isFinite(v) ? F.numberNode(v) : F.nullNode();
    }
}
