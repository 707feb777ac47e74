package org.secr4j.cli;

import java.util.Locale;
import java.util.Map;
import org.secr4j.derived.Density;
import org.secr4j.model.RealParameter;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.result.Coefficient;
import org.secr4j.result.DerivedEstimates;
import org.secr4j.result.FittedModel;
import org.secr4j.result.RealEstimate;
import org.secr4j.result.RegionN;

/** A plain-text estimates table for people (the JSON is the contract for scripts). */
final class FitTable {
    private FitTable() {}

    static String of(FittedModel fit) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "secr4j fit: %s, detectfn %s, %s likelihood, %d sessions, n = %d animals%n",
                fit.spec(), fit.layout().detectionFunction(), fit.layout().likelihoodType().name().toLowerCase(Locale.ROOT),
                fit.captureHistory().sessionCount(), fit.animalCount()));
        b.append(String.format(Locale.ROOT, "logLik %.4f   npar %d   AIC %.3f   AICc %.3f   converged %s   Hessian %s%n%n",
                fit.logLikelihood(), fit.parameterCount(), fit.aic(), fit.aicc(), fit.diagnostics().converged(),
                fit.diagnostics().hessianStatus()));
        b.append(String.format(Locale.ROOT, "%-10s %12s %10s %12s %12s%n", "coef", "beta", "SE.beta", "lcl", "ucl"));
        for (Coefficient c : fit.coefficients()) {
            b.append(String.format(Locale.ROOT, "%-10s %12.6f %10.6f %12.6f %12.6f%n", c.name(), c.beta(), c.se(), c.lcl(),
                    c.ucl()));
        }
        b.append(String.format(Locale.ROOT, "%n%-10s %8s %14s %14s %14s %14s%n", "real", "link", "estimate", "SE", "lcl", "ucl"));
        for (Map.Entry<RealParameter, RealEstimate> e : fit.predict().entrySet()) {
            RealEstimate r = e.getValue();
            b.append(String.format(Locale.ROOT, "%-10s %8s %14.6g %14.6g %14.6g %14.6g%n", r.parameter(), r.link().secrName(),
                    r.estimate(), r.se(), r.lcl(), r.ucl()));
        }
        for (DerivedEstimates d : fit.derived()) {
            double f = Density.HECTARES_PER_100_KM2;
            b.append(String.format(Locale.ROOT,
                    "%nsession %s: esa %.4g ha; density %.4g/ha = %.3f per 100 km2 (SE %.3f, 95%% CI %.3f-%.3f)%n",
                    d.session(), d.esaHectares().estimate(), d.densityPerHectare().estimate(),
                    d.densityPerHectare().estimate() * f, d.densityPerHectare().se() * f, d.densityPerHectare().lcl() * f,
                    d.densityPerHectare().ucl() * f));
        }
        if (fit.layout().likelihoodType() == org.secr4j.model.LikelihoodType.FULL) {
            for (RegionN r : fit.regionN()) {
                b.append(String.format(Locale.ROOT,
                        "session %s: N in mask (%.4g km2): expected %.1f (95%% CI %.1f-%.1f), realised %.1f (95%% CI %.1f-%.1f)%n",
                        r.session(), r.areaHectares() / Density.HECTARES_PER_KM2, r.expected().estimate(),
                        r.expected().lcl(), r.expected().ucl(), r.realised().estimate(), r.realised().lcl(),
                        r.realised().ucl()));
            }
        }
        b.append(String.format(Locale.ROOT, "%nfit time %.3f s, %d threads, %s kernel%n", fit.fitSeconds(),
                fit.likelihoodOptions().threads(),
                SecrLikelihood.usesVectorKernel(fit.captureHistory(), fit.masks(), fit.layout(), fit.likelihoodOptions()) ? "vector" : "scalar"));
        return b.toString();
    }
}
