package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secr4j.TestSurveys;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.result.FittedModel;

/**
 * {@link HcovPoissonTerm#HARMONIC}: secr's Poisson term for known-class mixtures. Its gradient is
 * analytic, it leaves the MLE and the maximised log-likelihood where the model's term has them, and it
 * makes D orthogonal to pmix (the reason secr's SE of D is smaller; the reference profile's
 * {@code SecrReferenceTest} checks secr's SEs on blackbear_EX_hcov).
 */
class HarmonicHcovTermTest {
    private static final double STEP = 1e-5;
    /** The two terms' log-likelihoods at the MLE: equal up to how far the fit is from the exact maximum. */
    private static final Tolerance SAME_MAXIMUM = Tolerance.relative("log-likelihood at the MLE", 1e-9);
    /** A mixed second derivative from central differences of the analytic gradient counts as 0 below this. */
    private static final double ORTHOGONAL = 1e-5;
    private static final ModelSpec MODEL = ModelSpec.of("sigma~h2", "g0~h2");

    /** The test survey with every animal's sex known. */
    private static CaptureHistory withKnownSex(DetectorType type) {
        Session s = TestSurveys.history(type, DetectionFunction.HN, 0, 61).session(0);
        SplittableRandom r = new SplittableRandom(5);
        String[] sex = new String[s.animals()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = r.nextDouble() < 0.4 ? "M" : "F";
        }
        CovariateTable cov = CovariateTable.of(sex.length, List.of(Covariate.factor("sex", sex)));
        return CaptureHistory.of(Session.of(s.id(), s.detectors(), s.occasions(), s.animalIds(), null, s.detections(), cov));
    }

    private static LikelihoodOptions harmonic() {
        return LikelihoodOptions.defaults().withHcovPoissonTerm(HcovPoissonTerm.HARMONIC);
    }

    private static ParameterLayout layout(CaptureHistory ch) {
        return ParameterLayout.bind(MODEL, DetectionFunction.HN, LikelihoodType.FULL, Map.of(), ch, "sex");
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"MULTI", "PROXIMITY", "COUNT"})
    void harmonicTermGradientMatchesCentralDifferences(DetectorType type) {
        CaptureHistory ch = withKnownSex(type);
        ParameterLayout layout = layout(ch);
        double[] beta = new double[layout.size()];
        SplittableRandom r = new SplittableRandom(9);
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 0.4 * (r.nextDouble() - 0.5);
        }
        TestSurveys.setIntercepts(layout, beta);
        HabitatMask mask = TestSurveys.mask(ch.session(0).detectors());
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, harmonic())) {
            Tolerance.assertGradientMatchesCentralDifferences(l, beta, STEP, type + " harmonic hcov");
        }
    }

    @Test
    void harmonicTermHasTheModelsMleAndMaximumAndMakesDensityOrthogonalToPmix() {
        CaptureHistory ch = withKnownSex(DetectorType.PROXIMITY);
        List<HabitatMask> masks = List.of(TestSurveys.mask(ch.session(0).detectors()));
        FitOptions model = FitOptions.defaults().withHcov("sex");
        FittedModel fit = SecrFitter.with(model).fit(ch, masks, MODEL);
        FittedModel secrs = SecrFitter.with(model.with(harmonic())).fit(ch, masks, MODEL);
        double[] beta = fit.beta();
        for (int j = 0; j < beta.length; j++) {
            assertEquals(beta[j], secrs.beta()[j], 1e-4 * Math.max(1, Math.abs(beta[j])), fit.coefficientNames().get(j));
        }
        SAME_MAXIMUM.assertClose(fit.logLikelihood(), secrs.logLikelihood(), "maximised log-likelihood");
        int iD = fit.coefficientNames().indexOf("D");
        int iPmix = fit.coefficientNames().indexOf("pmix.h2M");
        try (SecrLikelihood mixture = SecrLikelihood.of(ch, masks, fit.layout(), LikelihoodOptions.defaults());
                SecrLikelihood secr = SecrLikelihood.of(ch, masks, fit.layout(), harmonic())) {
            SAME_MAXIMUM.assertClose(mixture.value(beta), secr.value(beta), "both terms at the model's MLE");
            double cross = mixedSecondDerivative(secr, beta, iD, iPmix);
            double crossModel = mixedSecondDerivative(mixture, beta, iD, iPmix);
            assertTrue(Math.abs(cross) < ORTHOGONAL, "harmonic: d2l/dbetaD dpmix = " + cross);
            assertFalse(Math.abs(crossModel) < 100 * ORTHOGONAL, "model: d2l/dbetaD dpmix = " + crossModel);
        }
        double seModel = fit.coefficients().get(iD).se();
        double seSecr = secrs.coefficients().get(iD).se();
        assertTrue(seSecr < seModel, "secr's SE(beta_D) " + seSecr + " leaves out pmix: below the model's " + seModel);
    }

    /** \( \partial^2\ell/\partial\beta_i\partial\beta_j \) from central differences of the analytic gradient. */
    private static double mixedSecondDerivative(SecrLikelihood l, double[] beta, int i, int j) {
        double[] up = beta.clone();
        double[] dn = beta.clone();
        up[j] += STEP;
        dn[j] -= STEP;
        double[] gu = new double[beta.length];
        double[] gd = new double[beta.length];
        l.valueAndGradient(up, gu);
        l.valueAndGradient(dn, gd);
        return (gu[i] - gd[i]) / (2 * STEP);
    }

    @Test
    void conditionalLikelihoodHasNoPoissonTermToChange() {
        CaptureHistory ch = withKnownSex(DetectorType.PROXIMITY);
        ParameterLayout layout = ParameterLayout.bind(MODEL, DetectionFunction.HN, LikelihoodType.CONDITIONAL, Map.of(),
                ch, "sex");
        double[] beta = new double[layout.size()];
        TestSurveys.setIntercepts(layout, beta);
        List<HabitatMask> masks = List.of(TestSurveys.mask(ch.session(0).detectors()));
        LikelihoodOptions cl = LikelihoodOptions.defaults().with(LikelihoodType.CONDITIONAL);
        try (SecrLikelihood a = SecrLikelihood.of(ch, masks, layout, cl);
                SecrLikelihood b = SecrLikelihood.of(ch, masks, layout, cl.withHcovPoissonTerm(HcovPoissonTerm.HARMONIC))) {
            assertEquals(a.value(beta), b.value(beta), 0.0);
        }
    }

    @Test
    void harmonicTermRefusesUnknownClassesBinomialNAndDensitySurfaces() {
        CaptureHistory withNa = MixtureTest.withSex(DetectorType.PROXIMITY); // every fifth animal's sex is NA
        List<HabitatMask> masks = List.of(TestSurveys.mask(withNa.session(0).detectors()));
        IllegalArgumentException na = assertThrows(IllegalArgumentException.class,
                () -> SecrLikelihood.of(withNa, masks, layout(withNa), harmonic()));
        String animal = withNa.session(0).animalId(4);
        assertTrue(na.getMessage().contains("animal '" + animal + "'") && na.getMessage().contains("NA"), na.getMessage());

        CaptureHistory ch = withKnownSex(DetectorType.PROXIMITY);
        IllegalArgumentException binomial = assertThrows(IllegalArgumentException.class, () -> SecrLikelihood.of(ch, masks,
                layout(ch), harmonic().with(PopulationDistribution.BINOMIAL)));
        assertTrue(binomial.getMessage().contains("Poisson"), binomial.getMessage());
        ParameterLayout surface = ParameterLayout.bind(ModelSpec.of("D~x", "sigma~h2"), DetectionFunction.HN,
                LikelihoodType.FULL, Map.of(), ch, Map.of(), "sex", masks);
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> SecrLikelihood.of(ch, masks, surface, harmonic()));
        assertTrue(d.getMessage().contains("D constant"), d.getMessage());
    }
}
