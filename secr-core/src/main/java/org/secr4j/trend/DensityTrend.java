package org.secr4j.trend;

import java.util.ArrayList;
import java.util.List;
import org.secr4j.design.Context;
import org.secr4j.design.DesignVariable;
import org.secr4j.fit.ProfileLikelihood;
import org.secr4j.model.Link;
import org.secr4j.model.RealParameter;
import org.secr4j.result.Estimate;
import org.secr4j.result.FittedModel;
import org.secr4j.util.Checks;

/**
 * Population trend between sessions from a multi-session fit (secr's {@code details$Dlambda} and
 * {@code sessionrate} ideas).
 *
 * <ul>
 *   <li>{@code D ~ Session} with a log link is secr's Dlambda parameterisation
 *       \( D_t = D_1 \lambda^{t-1} \) in other words: \( \lambda = e^{\beta_{\mathrm{Session}}} \), with a
 *       Wald interval on the log scale or a profile-likelihood interval.</li>
 *   <li>Any D model: session-on-session rates \( \lambda_t = D_{t+1}/D_t \) with delta-method SEs
 *       from the coefficient covariance (log-normal intervals).</li>
 * </ul>
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class DensityTrend {
    private DensityTrend() {}

    /** A rate λ with its SE and interval. */
    public record Rate(String from, String to, Estimate lambda) {}

    /**
     * λ of a {@code D ~ Session} model (log link): estimate \( e^{\hat\beta} \), SE by the delta method,
     * 95% interval \( e^{\hat\beta \pm 1.96\,\mathrm{SE}} \).
     *
     * @throws IllegalArgumentException when D's formula is not {@code ~ Session} with a log link
     */
    public static Estimate lambda(FittedModel fit) {
        int j = sessionCoefficient(fit);
        double b = fit.beta()[j];
        double se = Math.sqrt(fit.vcov()[j][j]);
        return new Estimate(Math.exp(b), Math.exp(b) * se, Math.exp(b - Estimate.Z95 * se), Math.exp(b + Estimate.Z95 * se));
    }

    /** Profile-likelihood interval of λ of a {@code D ~ Session} model. */
    public static ProfileLikelihood.Interval lambdaProfile(FittedModel fit, double level) {
        ProfileLikelihood.Interval i = ProfileLikelihood.coefficient(fit, sessionCoefficient(fit), level);
        return new ProfileLikelihood.Interval(Math.exp(i.lower()), Math.exp(i.upper()));
    }

    private static int sessionCoefficient(FittedModel fit) {
        Checks.require(hasConstantLambda(fit),
                "lambda needs the model D ~ Session, or D ~ 1 fitted with Dlambda; this fit has %s%s", fit.spec(),
                fit.layout().dlambda() ? " (Dlambda)" : "");
        return fit.layout().indexOf(RealParameter.D) + 1;
    }

    /**
     * Whether the fit has one constant rate λ: {@code D ~ Session} with a log link (λ = e^{β_Session}), or
     * {@code D ~ 1} in the Dlambda parameterisation (λ = e^{β_lambda}).
     */
    public static boolean hasConstantLambda(FittedModel fit) {
        var l = fit.layout();
        boolean twoColumns = l.indexOf(RealParameter.D) >= 0 && l.link(RealParameter.D) == Link.LOG
                && l.columns(RealParameter.D) == 2;
        boolean sessionTerm = l.dlambda() || l.uses(RealParameter.D, DesignVariable.SESSION_TREND);
        return twoColumns && sessionTerm
                && fit.coefficientNames().get(l.indexOf(RealParameter.D) + 1).equals(l.dlambda() ? "D.lambda" : "D.Session");
    }

    /** \( \lambda_t = D_{t+1}/D_t \) for consecutive sessions, for any D model. */
    public static List<Rate> sessionRates(FittedModel fit) {
        Checks.require(fit.layout().indexOf(RealParameter.D) >= 0, "session rates need D estimated (a full-likelihood fit)");
        var history = fit.captureHistory();
        Checks.require(history.sessionCount() > 1, "session rates need at least two sessions");
        Link ld = fit.layout().link(RealParameter.D);
        double[] beta = fit.beta();
        double[][] v = fit.vcov();
        List<Rate> out = new ArrayList<>();
        for (int s = 0; s + 1 < history.sessionCount(); s++) {
            Context a = new Context(s, 0, false);
            Context b = new Context(s + 1, 0, false);
            double ea = fit.layout().eta(RealParameter.D, a, beta);
            double eb = fit.layout().eta(RealParameter.D, b, beta);
            double da = ld.fromLink(ea);
            double db = ld.fromLink(eb);
            double lambda = db / da;
            // d log(lambda)/d beta = (dD_b/deta / D_b) x_b - (dD_a/deta / D_a) x_a
            double[] g = new double[beta.length];
            int off = fit.layout().indexOf(RealParameter.D);
            double[] xa = fit.layout().row(RealParameter.D, a);
            double[] xb = fit.layout().row(RealParameter.D, b);
            for (int q = 0; q < xa.length; q++) {
                g[off + q] = ld.dRealDEta(eb) / db * xb[q] - ld.dRealDEta(ea) / da * xa[q];
            }
            double var = 0;
            for (int i = 0; i < g.length; i++) {
                for (int k = 0; k < g.length; k++) {
                    var += g[i] * v[i][k] * g[k];
                }
            }
            out.add(new Rate(history.session(s).id(), history.session(s + 1).id(),
                    Estimate.logNormal(lambda, lambda * Math.sqrt(var))));
        }
        return out;
    }
}
