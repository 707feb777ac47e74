package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.CaptureHistoryBuilder;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.fit.FitOptions;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;

/**
 * Polygon and transect detectors (Efford 2011): the kernel's log-likelihood against a direct
 * evaluation of the definition written here, with rectangles and axis-parallel transects so that
 * the integrated hazards are exact normal probabilities; analytic gradients against central
 * differences.
 */
class SearchDetectorLikelihoodTest {
    /** Kernel against the direct evaluation (relative). */
    static final double DIRECT = 1e-9;
    /** Analytic gradient against central differences (relative to max(1, |g|)). */
    static final double GRADIENT = 1e-5;
    private static final double[] BETA = {Math.log(6), Math.log(0.4), Math.log(15)};
    private static final int OCCASIONS = 4;

    /** Two rectangles ([0,100]x[0,60] and [120,200]x[0,100]) or two transects (along y = 0 and x = 150). */
    private static DetectorArray detectors(DetectorType type) {
        if (type.isPolygon()) {
            return DetectorArray.ofSearchAreas(type, List.of("A", "B"),
                    List.of(new double[] {0, 100, 100, 0}, new double[] {120, 200, 200, 120}),
                    List.of(new double[] {0, 0, 60, 60}, new double[] {0, 0, 100, 100}));
        }
        return DetectorArray.ofSearchAreas(type, List.of("A", "B"), List.of(new double[] {0, 100}, new double[] {150, 150}),
                List.of(new double[] {0, 0}, new double[] {-20, 90}));
    }

    /** The two rectangles of {@link #detectors}, each given with a fifth vertex mid-side: no longer rectangles. */
    static DetectorArray pentagons(DetectorType type) {
        return DetectorArray.ofSearchAreas(type, List.of("A", "B"),
                List.of(new double[] {0, 50, 100, 100, 0}, new double[] {120, 200, 200, 200, 120}),
                List.of(new double[] {0, 0, 0, 60, 60}, new double[] {0, 0, 40, 100, 100}));
    }

    /**
     * animal, occasion (1-based), detector, x, y; exclusive types keep the first per animal and occasion
     * (animal 2 is detected twice in B on occasion 2: a count of 2).
     */
    private static final double[][] POLYGON_DETECTIONS = {{1, 1, 0, 20, 30}, {1, 2, 0, 35, 41}, {1, 4, 1, 125, 10},
            {2, 2, 1, 180, 90}, {2, 2, 1, 185, 70}, {3, 1, 0, 90, 5}, {3, 1, 1, 130, 50}, {3, 3, 0, 95, 55}, {4, 4, 1, 160, 60}};
    private static final double[][] TRANSECT_DETECTIONS = {{1, 1, 0, 20, 0}, {1, 2, 0, 35, 0}, {1, 4, 1, 150, 10},
            {2, 2, 1, 150, 80}, {2, 2, 1, 150, 70}, {3, 1, 0, 90, 0}, {3, 1, 1, 150, -15}, {3, 3, 0, 95, 0}, {4, 4, 1, 150, 60}};

    static CaptureHistory history(DetectorType type) {
        return history(type, detectors(type));
    }

    static CaptureHistory history(DetectorType type, DetectorArray detectors) {
        CaptureHistoryBuilder b = CaptureHistory.builder().session("1", detectors, OCCASIONS);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (double[] d : type.isPolygon() ? POLYGON_DETECTIONS : TRANSECT_DETECTIONS) {
            if (!seen.add(d[0] + "/" + d[1]) && type.isExclusive()) {
                continue; // already detected on this occasion
            }
            b.detection("test", "1", "a" + (int) d[0], (int) d[1], d[2] == 0 ? "A" : "B", true, d[3], d[4]);
        }
        return b.build();
    }

    static HabitatMask mask() {
        List<double[]> pts = new ArrayList<>();
        for (double x = -45; x <= 245; x += 10) {
            for (double y = -55; y <= 155; y += 10) {
                pts.add(new double[] {x, y});
            }
        }
        return HabitatMask.fromPoints(pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray(), 10, null);
    }

    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /** H_k(x): share of the normalised half-normal kernel in detector k (exact for these shapes). */
    private static double integrated(DetectorType type, int k, double px, double py, double s) {
        if (type.isPolygon()) {
            double[][] r = {{0, 100, 0, 60}, {120, 200, 0, 100}};
            double[] b = r[k];
            return (phi((b[1] - px) / s) - phi((b[0] - px) / s)) * (phi((b[3] - py) / s) - phi((b[2] - py) / s));
        }
        if (k == 0) {
            return Math.exp(-py * py / (2 * s * s)) * (phi((100 - px) / s) - phi(-px / s));
        }
        double dx = 150 - px;
        return Math.exp(-dx * dx / (2 * s * s)) * (phi((90 - py) / s) - phi((-20 - py) / s));
    }

    /**
     * The full Poisson log-likelihood by its definition: per occasion, hazards \( \lambda_0 H_k(x) \);
     * exclusive: \( e^{-\Lambda} \) undetected, \( (1 - e^{-\Lambda})/\Lambda\cdot\lambda_0 h(y|x) \) per
     * detection; counts: \( e^{-\Lambda}\prod_k \prod_j \lambda_0 h(y_j|x) / y_k! \); h the normalised
     * kernel at the location; then \( -Da + n\log D + \sum_i\log\sum_m A\Pr(\omega_i|x_m) - \log n! \).
     */
    private static double direct(DetectorType type, CaptureHistory ch, HabitatMask mask, double[] beta) {
        double d = Math.exp(beta[0]);
        double l0 = Math.exp(beta[1]);
        double s = Math.exp(beta[2]);
        Session session = ch.session(0);
        double area = mask.cellAreaHectares();
        double norm = type.isPolygon() ? 2 * Math.PI * s * s : s * Math.sqrt(2 * Math.PI);
        double a = 0;
        for (int m = 0; m < mask.size(); m++) {
            double lambda = l0 * (integrated(type, 0, mask.x(m), mask.y(m), s) + integrated(type, 1, mask.x(m), mask.y(m), s));
            a += area * (1 - Math.exp(-OCCASIONS * lambda));
        }
        int n = session.animals();
        double ll = -d * a + n * Math.log(d) - Gamma.logGamma(n + 1.0);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int m = 0; m < mask.size(); m++) {
                double px = mask.x(m);
                double py = mask.y(m);
                double lambda = l0 * (integrated(type, 0, px, py, s) + integrated(type, 1, px, py, s));
                double log = 0;
                for (int occ = 0; occ < OCCASIONS; occ++) {
                    List<Detection> on = new ArrayList<>();
                    for (Detection x : session.detections()) {
                        if (x.animal() == i && x.occasion() == occ) {
                            on.add(x);
                        }
                    }
                    log -= lambda;
                    if (on.isEmpty()) {
                        continue;
                    }
                    if (type.isExclusive()) {
                        log += Math.log(-Math.expm1(-lambda)) - Math.log(lambda) + lambda;
                    }
                    int[] perDetector = new int[2];
                    for (Detection x : on) {
                        double d2 = (x.x() - px) * (x.x() - px) + (x.y() - py) * (x.y() - py);
                        log += Math.log(l0 * Math.exp(-d2 / (2 * s * s)) / norm);
                        perDetector[x.detector()]++;
                    }
                    for (int y : perDetector) {
                        log -= Gamma.logGamma(y + 1.0);
                    }
                }
                sum += area * Math.exp(log);
            }
            ll += Math.log(sum);
        }
        return ll;
    }

    private static SecrLikelihood likelihood(CaptureHistory ch, ModelSpec spec, int threads) {
        ParameterLayout layout = ParameterLayout.bind(spec, DetectionFunction.HHN, LikelihoodType.FULL, Map.of(), ch,
                (String) null);
        return SecrLikelihood.of(ch, List.of(mask()), layout,
                FitOptions.defaults().with(DetectionFunction.HHN).withThreads(threads).likelihood());
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"POLYGON", "POLYGON_X", "TRANSECT", "TRANSECT_X"})
    void logLikelihoodEqualsTheDirectEvaluationOfItsDefinition(DetectorType type) {
        CaptureHistory ch = history(type);
        try (SecrLikelihood l = likelihood(ch, ModelSpec.constant(), 1)) {
            double expected = direct(type, ch, mask(), BETA);
            assertEquals(expected, l.value(BETA), DIRECT * Math.abs(expected), type.secrName());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"POLYGON", "POLYGON_X", "TRANSECT", "TRANSECT_X"})
    void analyticGradientMatchesCentralDifferencesAlsoWithALearnedResponse(DetectorType type) {
        CaptureHistory ch = history(type);
        for (ModelSpec spec : List.of(ModelSpec.constant(), ModelSpec.of("lambda0~b", "sigma~t"))) {
            try (SecrLikelihood l = likelihood(ch, spec, 1)) {
                int p = l.layout().size();
                double[] beta = new double[p];
                System.arraycopy(BETA, 0, beta, 0, 3);
                for (int j = 3; j < p; j++) {
                    beta[j] = 0.1 * j;
                }
                if (p > 3) { // D, lambda0, lambda0.bTRUE, sigma, sigma.t2..t4
                    beta = new double[] {BETA[0], BETA[1], 0.5, BETA[2], 0.1, -0.1, 0.2};
                }
                double[] g = new double[p];
                l.valueAndGradient(beta, g);
                for (int j = 0; j < p; j++) {
                    double e = 1e-5;
                    double[] up = beta.clone();
                    double[] down = beta.clone();
                    up[j] += e;
                    down[j] -= e;
                    double fd = (l.value(up) - l.value(down)) / (2 * e);
                    assertEquals(fd, g[j], GRADIENT * Math.max(1, Math.abs(fd)),
                            type.secrName() + " " + spec + " " + l.layout().coefficientNames().get(j));
                }
            }
        }
    }

    /**
     * Rectangles along the axes take their integrals from per-column and per-row factors (closed form); the
     * same rectangles given with one more vertex, in the middle of a side, are no longer recognised as
     * rectangles and take the quadrature along their edges; with one of each, the rectangle takes the closed
     * form point by point. Same likelihood and gradient.
     */
    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"POLYGON", "POLYGON_X"})
    void rectanglesGiveTheLikelihoodOfTheQuadratureOfTheSamePolygonsWithAVertexMidSide(DetectorType type) {
        DetectorArray pentagons = pentagons(type);
        // A a rectangle, B not: A's closed form point by point (SearchIntegrals.integrals), B's quadrature
        DetectorArray mixed = DetectorArray.ofSearchAreas(type, List.of("A", "B"),
                List.of(new double[] {0, 100, 100, 0}, new double[] {120, 200, 200, 200, 120}),
                List.of(new double[] {0, 0, 60, 60}, new double[] {0, 0, 40, 100, 100}));
        ModelSpec spec = ModelSpec.of("lambda0~b");
        double[] beta = {BETA[0], BETA[1], 0.5, BETA[2]};
        try (SecrLikelihood quadrature = likelihood(history(type, pentagons), spec, 1)) {
            double[] gq = new double[beta.length];
            double vq = quadrature.valueAndGradient(beta, gq);
            for (DetectorArray d : List.of(detectors(type), mixed)) {
                try (SecrLikelihood closed = likelihood(history(type, d), spec, 1)) {
                    double[] g = new double[beta.length];
                    double v = closed.valueAndGradient(beta, g);
                    assertEquals(vq, v, DIRECT * Math.abs(vq), "log-likelihood");
                    for (int j = 0; j < beta.length; j++) {
                        assertEquals(gq[j], g[j], DIRECT * Math.max(1, Math.abs(gq[j])), "gradient " + j);
                    }
                }
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        CaptureHistory ch = history(DetectorType.POLYGON_X);
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        double v1;
        double v2;
        try (SecrLikelihood a = likelihood(ch, ModelSpec.constant(), 1); SecrLikelihood b = likelihood(ch, ModelSpec.constant(), 2)) {
            v1 = a.valueAndGradient(BETA, g1);
            v2 = b.valueAndGradient(BETA, g2);
        }
        assertEquals(v1, v2, 0);
        assertEquals(java.util.Arrays.toString(g1), java.util.Arrays.toString(g2));
    }

    @Test
    void aLocationOutsideThePolygonIsRefusedWithItsDistance() {
        CaptureHistoryBuilder b = CaptureHistory.builder().session("1", detectors(DetectorType.POLYGON), OCCASIONS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.detection("captures.csv line 7", "1", "a1", 2, "A", true, 103, 30));
        assertTrue(e.getMessage().startsWith("captures.csv line 7: session '1', animal 'a1', occasion 2, detector 'A'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(103.0, 30.0) is 3.0 m outside"), e.getMessage());
    }

    @Test
    void exclusiveSearchDetectorsRefuseTwoDetectionsOfAnAnimalOnOneOccasion() {
        CaptureHistoryBuilder b = CaptureHistory.builder().session("1", detectors(DetectorType.POLYGON_X), OCCASIONS)
                .detection("r1", "1", "a1", 1, "A", true, 10, 10).detection("r2", "1", "a1", 1, "B", true, 150, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("already detected at detector 'A' on this occasion; polygonX detectors"),
                e.getMessage());
    }

    @Test
    void searchDetectionsWithoutALocationAndPointDetectorFunctionsAreRefused() {
        CaptureHistoryBuilder b = CaptureHistory.builder().session("1", detectors(DetectorType.TRANSECT), OCCASIONS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.detection("r1", "1", "a1", 1, "A", true, 1));
        assertTrue(e.getMessage().contains("transect detections need their location x, y"), e.getMessage());
        CaptureHistory ch = history(DetectorType.POLYGON);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL,
                Map.of(), ch, (String) null);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> SecrLikelihood.of(ch,
                List.of(mask()), layout, FitOptions.defaults().likelihood()));
        assertTrue(f.getMessage().contains("HHN or HEX"), f.getMessage());
    }

    @Test
    void aSelfIntersectingPolygonIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetectorArray.ofSearchAreas(
                DetectorType.POLYGON, List.of("bow"), List.of(new double[] {0, 10, 0, 10}), List.of(new double[] {0, 10, 10, 0})));
        assertTrue(e.getMessage().contains("polygon detector 'bow' is not a simple polygon"), e.getMessage());
    }
}
