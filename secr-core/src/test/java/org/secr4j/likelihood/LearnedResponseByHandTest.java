package org.secr4j.likelihood;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;

/**
 * The likelihood of a hand-made history under g0 ~ b, t, bk, B, Bk, k and K, computed here term by
 * term from the definitions (Borchers &amp; Efford 2008; secr's design data: b after the first detection,
 * B on the occasion after a detection, bk and Bk the same at each detector, k and K after any animal's
 * detection at the detector) and compared with secr4j; p· uses the naive g0.
 */
class LearnedResponseByHandTest {
    static final DetectorArray TRAPS = DetectorArray.of(DetectorType.PROXIMITY, List.of("A", "B"), new double[] {0, 40},
            new double[] {0, 0});
    static final HabitatMask MASK = HabitatMask.fromPoints(new double[] {-10, 10, 30, 50, 10}, new double[] {0, 0, 0, 0, 20},
            null);
    /** Animal 1: B on occasion 2, A on 3 and 4. Animal 2: A on occasion 1 only. 4 occasions. */
    static final CaptureHistory CH = CaptureHistory.of(Session.of("1", TRAPS, 4, List.of("1", "2"), null,
            List.of(new Detection(0, 1, 1, 1), new Detection(0, 2, 0, 1), new Detection(0, 3, 0, 1),
                new Detection(1, 0, 0, 1)), null));
    static final double D = 5;
    static final double SIGMA = 25;

    static double g(double g0, double x, double y, int k) {
        double d2 = Math.pow(x - TRAPS.x(k), 2) + Math.pow(y - TRAPS.y(k), 2);
        return g0 * Math.exp(-d2 / (2 * SIGMA * SIGMA));
    }

    /** log L by hand: g0 per occasion from {@code g0At(occasion, caught)}. */
    static double byHand(java.util.function.BiFunction<Integer, Boolean, Double> g0At) {
        // no ties (different histories); no binomial constant: the model has b or t terms, so the
        // occasion-by-occasion (Bernoulli) form is reported
        return byHandStates(st -> g0At.apply(st.occasion(), st.b()));
    }

    /** The state of an animal at one detector and occasion, as the hand computation reads it off the history. */
    record State(int occasion, int detector, boolean b, boolean transientB, boolean bk, boolean transientBk, boolean site,
            boolean transientSite) {}

    /**
     * log L by hand with g0 from {@code g0At(state)}: per animal, occasion and detector the state is
     * read off the 0/1 history; p· uses the naive state (everything FALSE).
     */
    static double byHandStates(java.util.function.Function<State, Double> g0At) {
        int[][] y = new int[2][8]; // [animal][occasion*2 + detector]
        y[0][1 * 2 + 1] = 1;
        y[0][2 * 2] = 1;
        y[0][3 * 2] = 1;
        y[1][0] = 1;
        double A = MASK.cellAreaHectares();
        double lambda = 0;
        double[] li = new double[2];
        for (int m = 0; m < MASK.size(); m++) {
            double x = MASK.x(m);
            double yy = MASK.y(m);
            double none = 1;
            for (int s = 0; s < 4; s++) {
                for (int k = 0; k < 2; k++) {
                    none *= 1 - g(g0At.apply(new State(s, k, false, false, false, false, false, false)), x, yy, k);
                }
            }
            lambda += D * A * (1 - none);
            for (int i = 0; i < 2; i++) {
                double pr = 1;
                for (int s = 0; s < 4; s++) {
                    for (int k = 0; k < 2; k++) {
                        boolean b = false;
                        boolean bk = false;
                        boolean site = false;
                        for (int u = 0; u < s; u++) {
                            b |= y[i][u * 2] + y[i][u * 2 + 1] > 0;
                            bk |= y[i][u * 2 + k] > 0;
                            site |= y[0][u * 2 + k] + y[1][u * 2 + k] > 0;
                        }
                        boolean tb = s > 0 && y[i][(s - 1) * 2] + y[i][(s - 1) * 2 + 1] > 0;
                        boolean tbk = s > 0 && y[i][(s - 1) * 2 + k] > 0;
                        boolean tsite = s > 0 && y[0][(s - 1) * 2 + k] + y[1][(s - 1) * 2 + k] > 0;
                        double p = g(g0At.apply(new State(s, k, b, tb, bk, tbk, site, tsite)), x, yy, k);
                        pr *= y[i][s * 2 + k] == 1 ? p : 1 - p;
                    }
                }
                li[i] += D * A * pr;
            }
        }
        return -lambda + Math.log(li[0]) + Math.log(li[1]);
    }

    @Test
    void bkSwitchesEachDetectorAfterTheAnimalsFirstDetectionThere() {
        // animal 1 is caught at B on occasion 2, so bk is TRUE at B on 3 and 4, and at A (caught on 3) on 4 only
        double[] beta = {Math.log(D), logit(0.3), logit(0.6) - logit(0.3), Math.log(SIGMA)};
        new Tolerance("by hand", 1e-12, 1).assertClose(byHandStates(st -> st.bk() ? 0.6 : 0.3), secr4j("g0~bk", beta), "g0~bk");
    }

    @Test
    void transientResponsesLastOneOccasion() {
        double[] beta = {Math.log(D), logit(0.3), logit(0.5) - logit(0.3), Math.log(SIGMA)};
        new Tolerance("by hand", 1e-12, 1).assertClose(byHandStates(st -> st.transientB() ? 0.5 : 0.3), secr4j("g0~B", beta), "g0~B");
        new Tolerance("by hand", 1e-12, 1).assertClose(byHandStates(st -> st.transientBk() ? 0.5 : 0.3), secr4j("g0~Bk", beta),
                "g0~Bk");
    }

    @Test
    void siteResponsesFollowAnyAnimalsDetectionsAtTheDetector() {
        // detector A detects animal 2 on occasion 1 and animal 1 on 3 and 4; B detects animal 1 on occasion 2
        double[] beta = {Math.log(D), logit(0.25), logit(0.45) - logit(0.25), Math.log(SIGMA)};
        new Tolerance("by hand", 1e-12, 1).assertClose(byHandStates(st -> st.site() ? 0.45 : 0.25), secr4j("g0~k", beta), "g0~k");
        new Tolerance("by hand", 1e-12, 1).assertClose(byHandStates(st -> st.transientSite() ? 0.45 : 0.25), secr4j("g0~K", beta),
                "g0~K");
    }

    @Test
    void learnedResponseAgreesWithTheStateForm() {
        double[] beta = {Math.log(D), logit(0.3), logit(0.6) - logit(0.3), Math.log(SIGMA)};
        new Tolerance("by hand", 1e-12, 1).assertClose(byHandStates(st -> st.b() ? 0.6 : 0.3), secr4j("g0~b", beta), "g0~b");
    }

    private static double secr4j(String model, double[] beta) {
        ParameterLayout l = ParameterLayout.bind(ModelSpec.of(model), DetectionFunction.HN, LikelihoodType.FULL, Map.of(), CH);
        try (SecrLikelihood lik = SecrLikelihood.of(CH, List.of(MASK), l, LikelihoodOptions.defaults())) {
            return lik.value(beta);
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Test
    void learnedResponseSwitchesAfterTheFirstDetection() {
        double naive = 0.3;
        double caught = 0.6;
        double[] beta = {Math.log(D), logit(naive), logit(caught) - logit(naive), Math.log(SIGMA)};
        new Tolerance("by hand", 1e-12, 1).assertClose(byHand((s, c) -> c ? caught : naive), secr4j("g0~b", beta), "g0~b");
    }

    @Test
    void occasionEffectsApplyToEachOccasion() {
        double[] g0 = {0.2, 0.35, 0.5, 0.15};
        double[] beta = {Math.log(D), logit(g0[0]), logit(g0[1]) - logit(g0[0]), logit(g0[2]) - logit(g0[0]),
            logit(g0[3]) - logit(g0[0]), Math.log(SIGMA)};
        new Tolerance("by hand", 1e-12, 1).assertClose(byHand((s, c) -> g0[s]), secr4j("g0~t", beta), "g0~t");
    }
}
