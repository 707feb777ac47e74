package org.secr4j.io.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.result.FittedModel;
import org.secr4j.result.HessianMethod;

/**
 * Why secr's SE of β_D for the known-class (hcov) mixture blackbear_EX_hcov is 1.07% below ours, while its
 * other SEs match: secr's coefficient covariance is that of a likelihood whose Poisson term for n uses
 * the harmonic esa of the detected animals' known classes,
 * \( \bar a(\theta) = n / \sum_i a_{h_i}(\theta)^{-1} \), where the full likelihood of the model has
 * \( a(\theta, \pi) = \sum_h \pi_h a_h(\theta) \) (Borchers &amp; Efford 2008, with class h of
 * probability π_h independent of location: \( n_h \sim \mathrm{Poisson}(D\pi_h a_h) \)).
 *
 * <p>Both have the same MLE and maximum (\( \hat\pi_h \propto n_h/a_h \) makes \( a(\hat\theta, \hat\pi) = \bar a(\hat\theta) \),
 * and the profile over D is the same), so only the curvature in D changes. For a Poisson term
 * \( P(D, x) = n\log(Dx) - Dx \) at \( Dx = n \), the Hessian in \( (\log D, \psi) \) is exactly
 * \( -n\,v v^\top \) with \( v = (1, \partial\log x/\partial\psi) \); replacing a by ā therefore changes our
 * information by \( n(\bar v\bar v^\top - v v^\top) \). That rank-2 change turns our covariance into secr's
 * (every SE within {@link SecrReferenceTest#SE}) and makes D orthogonal to pmix, as secr's information is.
 * Ours, the model's own likelihood, gives secr's own {@code derived()} CV of D, which counts pmix's
 * uncertainty in the expected number detected. {@code HcovPoissonTerm.HARMONIC} puts secr's term into the
 * likelihood itself ({@code SecrReferenceTest.nlmsHessianReproducesSecrsStandardErrors}).
 */
@Tag("reference")
class HybridMixtureInformationTest {
    /** |I(log D, logit pmix)| relative to \( \sqrt{I_{DD} I_{pp}} \) below which D and pmix count as orthogonal. */
    static final double ORTHOGONAL = 1e-4;

    @Test
    void secrsCovarianceIsOursWithTheHarmonicEsaInThePoissonTerm() {
        ReferenceCase rc = ReferenceCase.load("blackbear_EX_hcov", "blackbear", DetectorType.PROXIMITY, 0);
        FitOptions options = FitOptions.defaults().with(rc.detectfn).with(rc.type).withBinomN(rc.binomN)
                .withHcov(rc.hcov()).withHessianMethod(HessianMethod.NLM);
        FittedModel fit = SecrFitter.with(options).fit(rc.history, rc.masks, rc.model());
        double[] beta = fit.beta();
        int p = beta.length;
        int iD = fit.coefficientNames().indexOf("D");
        int iPmix = fit.coefficientNames().indexOf("pmix.h2M");
        assertTrue(iD == 0 && iPmix == p - 1, fit.coefficientNames().toString());

        // a(theta, pi) = (1 - pi) aF + pi aM is linear in pi: two evaluations at other pmix give each class's
        // esa and its gradient in theta
        double[] b1 = beta.clone();
        double[] b2 = beta.clone();
        b1[iPmix] = -1;
        b2[iPmix] = 1;
        double p1 = 1 / (1 + Math.exp(1));
        double p2 = 1 / (1 + Math.exp(-1));
        double a;
        double[] gradA;
        double aF;
        double aM;
        double[] gradF = new double[p];
        double[] gradM = new double[p];
        int n;
        try (SecrLikelihood l = SecrLikelihood.of(rc.history, rc.masks, fit.layout(), options.likelihood())) {
            SecrLikelihood.Evaluation e1 = l.evaluate(b1);
            SecrLikelihood.Evaluation e2 = l.evaluate(b2);
            SecrLikelihood.Evaluation e0 = l.evaluate(beta);
            double slope = (e2.esaHectares(0) - e1.esaHectares(0)) / (p2 - p1);
            aF = e1.esaHectares(0) - p1 * slope;
            aM = aF + slope;
            for (int j = 0; j < p; j++) {
                if (j == iPmix) {
                    continue;
                }
                double s = (e2.esaGradient(0)[j] - e1.esaGradient(0)[j]) / (p2 - p1);
                gradF[j] = e1.esaGradient(0)[j] - p1 * s;
                gradM[j] = gradF[j] + s;
            }
            a = e0.esaHectares(0);
            gradA = e0.esaGradient(0).clone();
            n = e0.animals(0);
        }
        Session s = rc.history.session(0);
        int nF = 0;
        int nM = 0;
        for (int i = 0; i < s.animals(); i++) {
            String sex = s.individualCovariates().get("sex").orElseThrow().textValue(i);
            nF += "F".equals(sex) ? 1 : 0;
            nM += "M".equals(sex) ? 1 : 0;
        }
        assertEquals(n, nF + nM, "every sex known");
        double inverse = nF / aF + nM / aM;
        double harmonic = n / inverse;
        assertEquals(a, harmonic, 1e-6 * a, "at the MLE a(theta, pi) is the harmonic esa");

        double[] v = new double[p];
        double[] vBar = new double[p];
        v[iD] = 1;
        vBar[iD] = 1;
        for (int j = 0; j < p; j++) {
            if (j != iD) {
                v[j] = gradA[j] / a;
                vBar[j] = (nF / (aF * aF) * gradF[j] + nM / (aM * aM) * gradM[j]) / inverse;
            }
        }
        RealMatrix ours = new LUDecomposition(new Array2DRowRealMatrix(fit.vcov())).getSolver().getInverse();
        RealMatrix secrs = ours.copy();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                secrs.addToEntry(i, j, n * (vBar[i] * vBar[j] - v[i] * v[j]));
            }
        }
        RealMatrix covariance = new LUDecomposition(secrs).getSolver().getInverse();
        double[] refSe = rc.se();
        double worst = 0;
        for (int i = 0; i < p; i++) {
            double se = Math.sqrt(covariance.getEntry(i, i));
            worst = Math.max(worst, Math.abs(se - refSe[i]) / refSe[i]);
            assertEquals(refSe[i], se, SecrReferenceTest.SE * refSe[i], fit.coefficientNames().get(i));
        }
        double scale = Math.sqrt(secrs.getEntry(iD, iD) * secrs.getEntry(iPmix, iPmix));
        assertTrue(Math.abs(secrs.getEntry(iD, iPmix)) < ORTHOGONAL * scale, "secr's D and pmix are orthogonal");
        assertTrue(Math.abs(ours.getEntry(iD, iPmix)) > 0.1 * scale, "ours are not: pmix enters the expected n");

        // ours is the model's likelihood: its SE of log D is the CV of secr's own derived D
        double cvD = rc.json.get("derived").get("D").get("CVD").asDouble();
        double seD = fit.coefficients().get(iD).se();
        assertEquals(cvD, seD, SecrReferenceTest.SE * cvD, "SE(beta_D) against secr's derived CV(D)");
        System.out.printf(java.util.Locale.ROOT, "hcov blackbear: SE(beta_D) ours %.7f, secr %.7f, secr's derived CV(D) %.7f; "
                + "with the harmonic esa %.7f; largest SE difference from secr %.2e%n", seD, refSe[iD], cvD,
                Math.sqrt(covariance.getEntry(iD, iD)), worst);
    }
}
