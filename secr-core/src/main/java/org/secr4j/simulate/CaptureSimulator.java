package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.model.DetectionFunction;
import org.secr4j.util.Checks;

/**
 * Simulates capture histories of a {@link Population} at a {@link DetectorArray} under a
 * detection function (secr's {@code sim.capthist}), with the hazards of
 * {@link org.secr4j.likelihood.SecrLikelihood}: \( h_{ks} = -u_{ks}\log(1 - g) \) (g-type) or
 * \( u_{ks}\lambda \) (hazard type).
 * <ul>
 *   <li>multi (and single, simulated as multi-catch): caught on occasion s with probability
 *       \( 1 - e^{-H_s} \), at detector k with probability \( h_{ks}/H_s \);</li>
 *   <li>proximity: detected at k on s with probability \( 1 - e^{-h_{ks}} \);</li>
 *   <li>count: Poisson(\( h_{ks} \)) for binomN = 0, Binomial(N, \( 1 - e^{-h_{ks}} \)) for N &gt; 1,
 *       Binomial(\( u_{ks} \), \( 1 - e^{-h_k} \)) for binomN = 1.</li>
 * </ul>
 * Animals never detected are dropped; detected animals are named by their index in the
 * population (1-based).
 *
 * <p>Immutable; thread-safe (the generator is passed to each call).
 */
public final class CaptureSimulator {
    private final DetectionFunction fn;
    private final double a;
    private final double sigma;
    private final double z;
    private final int binomN;

    private CaptureSimulator(DetectionFunction fn, double a, double sigma, double z, int binomN) {
        this.fn = fn;
        this.a = a;
        this.sigma = sigma;
        this.z = z;
        this.binomN = binomN;
    }

    /**
     * @param a g0 (g-type, in (0,1)) or lambda0 (hazard type, &gt; 0)
     * @param sigma spatial scale (m)
     * @param z shape (ignored by functions without one)
     * @param binomN count detectors: 0 Poisson, 1 size = usage, N &gt; 1 binomial size N
     */
    public static CaptureSimulator of(DetectionFunction fn, double a, double sigma, double z, int binomN) {
        Checks.require(a > 0 && (fn.isHazard() || a < 1), "%s must be in range but was %s", fn.intercept().secrName(), a);
        Checks.positive(sigma, "sigma");
        Checks.require(binomN >= 0, "binomN must be >= 0");
        return new CaptureSimulator(fn, a, sigma, z, binomN);
    }

    /** One session of {@code occasions} occasions. */
    public Session simulate(String sessionId, Population pop, DetectorArray det, int occasions, RandomGenerator r) {
        int K = det.size();
        List<String> ids = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        double[] h = new double[K];
        for (int i = 0; i < pop.size(); i++) {
            for (int k = 0; k < K; k++) {
                double d = Math.hypot(pop.x(i) - det.x(k), pop.y(i) - det.y(k));
                double v = fn.value(d, a, sigma, z);
                h[k] = fn.isHazard() ? v : -Math.log(1 - v);
            }
            List<Detection> mine = new ArrayList<>();
            int index = ids.size();
            for (int s = 0; s < occasions; s++) {
                switch (det.type()) {
                    case MULTI:
                    case SINGLE: {
                        double total = 0;
                        for (int k = 0; k < K; k++) {
                            total += det.usage(k, s) * h[k];
                        }
                        if (total > 0 && r.nextDouble() < 1 - Math.exp(-total)) {
                            double u = r.nextDouble() * total;
                            int k = 0;
                            double c = det.usage(0, s) * h[0];
                            while (c < u && k < K - 1) {
                                k++;
                                c += det.usage(k, s) * h[k];
                            }
                            while (det.usage(k, s) == 0) {
                                k--;
                            }
                            mine.add(new Detection(index, s, k, 1));
                        }
                        break;
                    }
                    case PROXIMITY:
                        for (int k = 0; k < K; k++) {
                            double hk = det.usage(k, s) * h[k];
                            if (hk > 0 && r.nextDouble() < 1 - Math.exp(-hk)) {
                                mine.add(new Detection(index, s, k, 1));
                            }
                        }
                        break;
                    case COUNT:
                        for (int k = 0; k < K; k++) {
                            double u = det.usage(k, s);
                            if (u == 0) {
                                continue;
                            }
                            int y;
                            if (binomN == 0) {
                                y = Population.poissonDeviate(u * h[k], r);
                            } else if (binomN == 1) {
                                y = binomial((int) Math.rint(u), 1 - Math.exp(-h[k]), r);
                            } else {
                                y = binomial(binomN, 1 - Math.exp(-u * h[k]), r);
                            }
                            if (y > 0) {
                                mine.add(new Detection(index, s, k, y));
                            }
                        }
                        break;
                    default:
                        throw new IllegalStateException("cannot simulate " + det.type());
                }
            }
            if (!mine.isEmpty()) {
                ids.add(Integer.toString(i + 1));
                dets.addAll(mine);
            }
        }
        return Session.of(sessionId, det, occasions, ids, null, dets, CovariateTable.empty(ids.size()));
    }

    private static int binomial(int n, double p, RandomGenerator r) {
        int y = 0;
        for (int t = 0; t < n; t++) {
            if (r.nextDouble() < p) {
                y++;
            }
        }
        return y;
    }

    /** A square grid of {@code nx × ny} detectors {@code spacing} metres apart, IDs "r.c" (1-based). */
    public static DetectorArray grid(DetectorType type, int nx, int ny, double spacing, double x0, double y0) {
        List<String> ids = new ArrayList<>();
        double[] x = new double[nx * ny];
        double[] y = new double[nx * ny];
        int k = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                ids.add((i + 1) + "." + (j + 1));
                x[k] = x0 + i * spacing;
                y[k] = y0 + j * spacing;
                k++;
            }
        }
        return DetectorArray.of(type, ids, x, y);
    }
}
