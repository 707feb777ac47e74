package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secr4j.Tolerance;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.design.ParameterLayout;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.ModelSpec;
import org.secr4j.simulate.CaptureSimulator;
import org.secr4j.simulate.Population;

/**
 * The Vector API kernel of the common proximity model against the scalar kernel: the same
 * log-likelihood and gradient up to rounding, each bit-identical for 1 and 2 threads, and the
 * scalar kernel on a JDK started without {@code jdk.incubator.vector}. The surefire JVM is started
 * with {@code --add-modules jdk.incubator.vector}, so the vector kernel is exercised here when the
 * hardware has at least four double lanes.
 */
class VectorKernelTest {
    /** Relative difference allowed between the vector and scalar log-likelihoods (lane sums, atanh series). */
    private static final Tolerance VECTOR_VS_SCALAR = Tolerance.relative("vector vs scalar kernel", 1e-12);
    /** Gradient components: absolute scale 1 (components near 0 at the MLE differ by rounding of O(1) sums). */
    private static final Tolerance VECTOR_VS_SCALAR_GRADIENT = new Tolerance("vector vs scalar gradient", 1e-9, 1.0);
    /** The vector hazard against {@code Math.log1p}, in units in the last place. */
    private static final double LOG_ULPS = 4;
    /** The vector exp against {@code Math.exp}, in units in the last place. */
    private static final double EXP_ULPS = 2;

    private static CaptureHistory survey(long seed) {
        DetectorArray det = CaptureSimulator.grid(DetectorType.PROXIMITY, 13, 11, 20, 0, 0);
        SplittableRandom r = new SplittableRandom(seed);
        Population pop = Population.poisson(HabitatMask.around(det, 60, 4), 5, r);
        return CaptureHistory.of(CaptureSimulator.of(DetectionFunction.HN, 0.3, 14, 0, 0).simulate("1", pop, det, 5, r));
    }

    /**
     * Runs the vector pass over 64 positions (whole lane groups for 4 or 8 lanes) with \( v = g_0 f \) =
     * {@code v} at position 0 and 0 elsewhere (\( g_0 = 1 \), separable factors \( e_x = v \), \( e_y = 1 \)),
     * in {@code mode}; returns {@code {Σh, dv[0]}}: with every other lane at v = 0, Σh is h(v) exactly.
     */
    private static double[] vectorPassAt(double v, double mode) {
        int n = 64;
        double[] ex = new double[n];
        double[] ey = new double[n];
        Arrays.fill(ey, 1);
        ex[0] = v;
        double[] coef = new double[ProximityPass.COEFFICIENTS];
        coef[ProximityPass.C] = 1;
        coef[ProximityPass.A] = 1;
        coef[ProximityPass.MODE] = mode;
        double[] dv = new double[n];
        double[] sums = new double[ProximityPass.SUMS_LENGTH];
        ProximityPass.best().run(0, 0, new double[n], new double[n], 0, n, null, ex, 0, ey, 0, null, coef, dv, new double[n],
                new double[n], sums);
        return new double[] {sums[0], dv[0]};
    }

    @Test
    void vectorHazardAndItsLogAreWithinFourUlpsOfMathLog() {
        assumeTrue(LikelihoodOptions.vectorKernelAvailable(), "no Vector API kernel on this runtime");
        SplittableRandom r = new SplittableRandom(7);
        int n = 1 << 12;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (i % 5) {
                case 0 -> r.nextDouble() * VectorProximityPass.ATANH_V; // the atanh series
                case 1 -> r.nextDouble(); // some beyond it: Math.log
                case 2 -> Math.exp(r.nextDouble(-700, -1)); // tiny v: the short series, relative accuracy
                case 3 -> r.nextDouble(SessionKernel.SERIES_V, 1e-2); // the atanh series at small v
                default -> VectorProximityPass.ATANH_V * (1 + (r.nextDouble() - 0.5) * 1e-6); // the switch
            };
        }
        v[0] = 0;
        v[4] = Double.MIN_VALUE;
        v[8] = SessionKernel.SERIES_V;
        v[12] = 1 - 1e-12;
        v[16] = Math.nextDown(SessionKernel.SERIES_V);
        for (double vi : v) {
            double expected = -Math.log1p(-vi);
            double h = vectorPassAt(vi, ProximityPass.ODDS_ATOMS)[0];
            // beyond ATANH_V the kernel takes -log(1 - v), whose 1 - v rounds: ulp(1)/(1 - v) more
            double bound = LOG_ULPS * Math.ulp(expected) + (vi >= VectorProximityPass.ATANH_V ? Math.ulp(1.0) / (1 - vi) : 0);
            assertTrue(Math.abs(h - expected) <= bound, () -> "-log(1 - " + vi + ") = " + expected + " but vector gave " + h);
            if (vi >= SessionKernel.SERIES_V) { // hazard atoms: log h, by Math.log of the vector h
                double logH = vectorPassAt(vi, ProximityPass.HAZARD_ATOMS)[1];
                double expectedLog = Math.log(expected);
                assertTrue(Math.abs(logH - expectedLog) <= LOG_ULPS * Math.ulp(expectedLog) + bound / expected,
                        () -> "log(-log(1 - " + vi + ")) = " + expectedLog + " but vector gave " + logH);
            }
        }
    }

    /**
     * The per-animal pass's batched exp: within {@link #EXP_ULPS} of {@code Math.exp} on [-700, 0], floored
     * at -700 below it, NaN kept, and the same value at any position in the batch.
     */
    @Test
    void vectorExpIsWithinTwoUlpsOfMathExpAndFlooredAtMinus700() {
        assumeTrue(LikelihoodOptions.vectorKernelAvailable(), "no Vector API kernel on this runtime");
        SplittableRandom r = new SplittableRandom(11);
        int n = 1 << 12;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -r.nextDouble() * 40 : -r.nextDouble() * 700;
        }
        double[] special = {0, -0.0, -Double.MIN_VALUE, -Math.log(2) / 2, -Math.log(2), -700, -700.5, -1e300,
            Double.NEGATIVE_INFINITY, Double.NaN};
        System.arraycopy(special, 0, x, 0, special.length);
        ProximityPass vector = ProximityPass.best();
        for (int shift = 0; shift < 3; shift++) { // the same inputs at other positions in the batch
            int m = n - 3 + shift;
            double[] d = new double[m + ProximityPass.MAX_LANES];
            System.arraycopy(x, 0, d, shift, n - 3);
            vector.exps(d, m);
            for (int i = 0; i < n - 3; i++) {
                double expected = Math.exp(Math.max(x[i], ProximityPass.EXP_FLOOR));
                double got = d[shift + i];
                int at = i;
                if (Double.isNaN(x[i])) {
                    assertTrue(Double.isNaN(got), "exp(NaN) is NaN");
                } else {
                    assertTrue(Math.abs(got - expected) <= EXP_ULPS * Math.ulp(expected),
                            () -> "exp(" + x[at] + ") = " + expected + " but vector gave " + got);
                }
            }
        }
    }

    @ParameterizedTest(name = "local evaluation {0}")
    @ValueSource(booleans = {false, true})
    void vectorAndScalarKernelsGiveTheSameLikelihoodAndGradient(boolean local) {
        CaptureHistory ch = survey(11);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 4);
        ParameterLayout layout = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.HN, LikelihoodType.FULL);
        double[] beta = {Math.log(5), -0.9, Math.log(15)};
        LikelihoodOptions base = LikelihoodOptions.defaults().withLocalEvaluation(local).withVectorMinimumPairs(0);
        try (SecrLikelihood scalar = SecrLikelihood.of(ch, List.of(mask), layout, base.withVectorKernel(false));
                SecrLikelihood scalar2 = SecrLikelihood.of(ch, List.of(mask), layout, base.withVectorKernel(false).withThreads(2));
                SecrLikelihood vector = SecrLikelihood.of(ch, List.of(mask), layout, base);
                SecrLikelihood vector2 = SecrLikelihood.of(ch, List.of(mask), layout, base.withThreads(2))) {
            assertEquals(List.of("scalar"), scalar.kernels());
            assertEquals(List.of(LikelihoodOptions.vectorKernelAvailable() ? "vector" : "scalar"), vector.kernels());
            assertVectorMatchesScalar(scalar, scalar2, vector, vector2, beta);
        }
    }

    /**
     * The vector and scalar kernels ({@code scalar2}, {@code vector2}: the same with 2 threads) at
     * {@code beta}: logLik and gradient equal up to rounding, value alone = value with gradient, each
     * bit-identical for 1 and 2 threads, and the vector kernel's gradient against central differences.
     */
    static void assertVectorMatchesScalar(SecrLikelihood scalar, SecrLikelihood scalar2, SecrLikelihood vector,
            SecrLikelihood vector2, double[] beta) {
        int n = beta.length;
        double[] gs = new double[n];
        double[] gs2 = new double[n];
        double[] gv = new double[n];
        double[] gv2 = new double[n];
        double vs = scalar.valueAndGradient(beta, gs);
        double vv = vector.valueAndGradient(beta, gv);
        VECTOR_VS_SCALAR.assertClose(vs, vv, "logLik");
        for (int j = 0; j < n; j++) {
            VECTOR_VS_SCALAR_GRADIENT.assertClose(gs[j], gv[j], "gradient " + j);
        }
        assertEquals(vs, scalar.value(beta), 0.0, "scalar value alone and with gradient");
        assertEquals(vs, scalar2.valueAndGradient(beta, gs2), 0.0, "scalar, 1 and 2 threads");
        assertEquals(Arrays.toString(gs), Arrays.toString(gs2));
        assertEquals(vv, vector2.valueAndGradient(beta, gv2), 0.0, "vector, 1 and 2 threads");
        assertEquals(Arrays.toString(gv), Arrays.toString(gv2));
        Tolerance.assertGradientMatchesCentralDifferences(vector, beta, 1e-5, "kernel " + vector.kernels());
    }

    @Test
    void modelsOutsideTheFusedKernelUseTheGeneralOne() {
        CaptureHistory ch = survey(12);
        HabitatMask mask = HabitatMask.around(ch.session(0).detectors(), 60, 4);
        for (String g0 : List.of("g0~b", "g0~t")) {
            ParameterLayout layout = ParameterLayout.bind(ModelSpec.of(g0), DetectionFunction.HN, LikelihoodType.FULL,
                    java.util.Map.of(), ch);
            try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), layout, LikelihoodOptions.defaults())) {
                assertEquals(List.of("general"), l.kernels(), g0);
            }
        }
        ParameterLayout ex = ParameterLayout.bind(ModelSpec.constant(), DetectionFunction.EX, LikelihoodType.FULL);
        try (SecrLikelihood l = SecrLikelihood.of(ch, List.of(mask), ex, LikelihoodOptions.defaults())) {
            assertEquals(List.of("general"), l.kernels(), "EX");
        }
    }

    /** A JVM started without {@code --add-modules jdk.incubator.vector} runs the scalar kernel, with no flags and no error. */
    @Test
    void plainJdkRunsTheScalarKernel() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                PlainJdkProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.endsWith("available=false kernels=[scalar]"), out);
    }
}
