package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.covariate.Covariate;
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
 *   <li>multi: caught on occasion s with probability
 *       \( 1 - e^{-H_s} \), at detector k with probability \( h_{ks}/H_s \);</li>
 *   <li>proximity: detected at k on s with probability \( 1 - e^{-h_{ks}} \);</li>
 *   <li>count: Poisson(\( h_{ks} \)) for binomN = 0, Binomial(N, \( 1 - e^{-h_{ks}} \)) for N &gt; 1,
 *       Binomial(\( u_{ks} \), \( 1 - e^{-h_k} \)) for binomN = 1.</li>
 * </ul>
 * Animals never detected are dropped; detected animals are named by their population identity
 * ({@link Population#id}: the 1-based index unless given) and keep their individual covariates. Detection parameters may differ by a
 * class covariate of the population ({@link #withClass}, e.g. sex-specific σ) and switch after the
 * first detection ({@link #withLearnedResponse}, secr's {@code b}) and vary over occasions
 * ({@link #withOccasionEffects}, secr's {@code t}). Single-catch traps are
 * simulated as such (competing hazards, {@link #simulateSingleCatch}); secr4j fits them with the
 * multi-catch likelihood, as secr does.
 *
 * <p>Immutable; thread-safe (the generator is passed to each call).
 */
public final class CaptureSimulator {
    /** Detection parameters of one class of animals. */
    private record Params(double a, double sigma) {}

    private final DetectionFunction fn;
    private final double a;
    private final double sigma;
    private final double z;
    private final int binomN;
    private final String classCovariate;
    private final Map<String, Params> classes;
    private final double learnedA;
    /** Per-occasion offsets of the intercept on its link scale (secr's {@code g0 ~ t}), or null. */
    private final double[] occasionOffsets;

    private CaptureSimulator(DetectionFunction fn, double a, double sigma, double z, int binomN, String classCovariate,
            Map<String, Params> classes, double learnedA, double[] occasionOffsets) {
        this.fn = fn;
        this.a = a;
        this.sigma = sigma;
        this.z = z;
        this.binomN = binomN;
        this.classCovariate = classCovariate;
        this.classes = classes;
        this.learnedA = learnedA;
        this.occasionOffsets = occasionOffsets;
    }

    /**
     * @param a g0 (g-type, in (0,1)) or lambda0 (hazard type, &gt; 0)
     * @param sigma spatial scale (m)
     * @param z shape (ignored by functions without one)
     * @param binomN count detectors: 0 Poisson, 1 size = usage, N &gt; 1 binomial size N
     */
    public static CaptureSimulator of(DetectionFunction fn, double a, double sigma, double z, int binomN) {
        checkIntercept(fn, a);
        Checks.positive(sigma, "sigma");
        Checks.require(binomN >= 0, "binomN must be >= 0");
        return new CaptureSimulator(fn, a, sigma, z, binomN, null, Map.of(), Double.NaN, null);
    }

    private static void checkIntercept(DetectionFunction fn, double a) {
        Checks.require(a > 0 && (fn.isHazard() || a < 1), "%s must be in range but was %s", fn.intercept().secrName(), a);
    }

    /**
     * With class-specific detection parameters (e.g. sex-specific σ): animals whose individual
     * covariate {@code covariate} has value {@code level} use intercept {@code a} and scale
     * {@code sigma}; other animals keep the defaults.
     *
     * @throws IllegalArgumentException if classes of another covariate were given before
     */
    public CaptureSimulator withClass(String covariate, String level, double a, double sigma) {
        Checks.require(classCovariate == null || classCovariate.equals(covariate),
                "classes are defined by '%s' already, not '%s'", classCovariate, covariate);
        checkIntercept(fn, a);
        Checks.positive(sigma, "sigma");
        Map<String, Params> m = new LinkedHashMap<>(classes);
        m.put(level, new Params(a, sigma));
        return new CaptureSimulator(fn, this.a, this.sigma, z, binomN, covariate, Map.copyOf(m), learnedA, occasionOffsets);
    }

    /**
     * With a learned (trap-happy or trap-shy) response (secr's {@code b}): once an animal has been
     * detected, its intercept becomes {@code aAfterFirstDetection} on every later occasion.
     */
    public CaptureSimulator withLearnedResponse(double aAfterFirstDetection) {
        checkIntercept(fn, aAfterFirstDetection);
        return new CaptureSimulator(fn, a, sigma, z, binomN, classCovariate, classes, aAfterFirstDetection,
                occasionOffsets);
    }

    /**
     * With detection varying over occasions (secr's {@code g0 ~ t}, {@code lambda0 ~ t}): on occasion
     * s the intercept of every animal (each class, naive or after a learned response) is moved by
     * {@code offsets[s]} on its link scale (logit for g0, log for lambda0):
     * \( a_s = \mathrm{link}^{-1}(\mathrm{link}(a) + \tau_s) \). Zeros leave the occasion as it is.
     *
     * @param offsets one offset per occasion; the simulated session must have that many occasions
     */
    public CaptureSimulator withOccasionEffects(double... offsets) {
        Checks.require(offsets.length >= 1, "give one offset per occasion");
        for (int s = 0; s < offsets.length; s++) {
            Checks.require(Double.isFinite(offsets[s]), "occasion %d: offset must be finite but was %s", s + 1,
                    offsets[s]);
        }
        return new CaptureSimulator(fn, a, sigma, z, binomN, classCovariate, classes, learnedA, offsets.clone());
    }

    /** The intercept on occasion {@code s} of an animal whose intercept is {@code base} without time effects. */
    private double interceptOn(double base, int s) {
        if (occasionOffsets == null) {
            return base;
        }
        org.secr4j.model.Link link = fn.intercept().defaultLink();
        return link.fromLink(link.toLink(base) + occasionOffsets[s]);
    }

    /**
     * Hazards of animal i at every detector on every occasion, {@code [s][k]}; without time effects
     * every occasion shares one array.
     */
    private double[][] occasionHazards(Population pop, int i, DetectorArray det, double intercept, double scale,
            int occasions) {
        double[][] out = new double[occasions][];
        for (int s = 0; s < occasions; s++) {
            if (s > 0 && occasionOffsets == null) {
                out[s] = out[0];
            } else {
                out[s] = new double[det.size()];
                hazards(pop, i, det, interceptOn(intercept, s), scale, out[s]);
            }
        }
        return out;
    }

    private void checkOccasions(int occasions) {
        Checks.require(occasionOffsets == null || occasionOffsets.length == occasions,
                "the simulator has %d occasion effects but the session has %d occasions",
                occasionOffsets == null ? 0 : occasionOffsets.length, occasions);
    }

    /** The detection function simulated. */
    public DetectionFunction detectionFunction() {
        return fn;
    }

    /** The intercept (g0 or lambda0) and σ of animal {@code i} of {@code pop}. */
    private Params params(Population pop, int i) {
        if (classCovariate == null) {
            return new Params(a, sigma);
        }
        Covariate c = pop.covariates().get(classCovariate).orElseThrow(() -> new IllegalArgumentException(
                "the simulator has classes of '" + classCovariate + "' but the population has covariates "
                        + pop.covariates().names()));
        String level = c.textValue(i);
        Params p = level == null ? null : classes.get(level);
        return p == null ? new Params(a, sigma) : p;
    }

    private void hazards(Population pop, int i, DetectorArray det, double intercept, double scale, double[] h) {
        for (int k = 0; k < h.length; k++) {
            double d = Math.hypot(pop.x(i) - det.x(k), pop.y(i) - det.y(k));
            double v = fn.value(d, intercept, scale, z);
            // log(1 - v), not toHazard's log1p: the seeded histories (and the bundled example) depend on these bits
            h[k] = fn.isHazard() ? v : -Math.log(1 - v);
        }
    }

    /**
     * One session of {@code occasions} occasions. The detected animals keep their individual
     * covariates from the population.
     */
    public Session simulate(String sessionId, Population pop, DetectorArray det, int occasions, RandomGenerator r) {
        checkOccasions(occasions);
        Checks.require(!det.type().isSearch(), "simulating %s detectors is not supported (point detectors only: multi, single, proximity, count)",
                det.type().secrName());
        if (det.type() == DetectorType.SINGLE) {
            return simulateSingleCatch(sessionId, pop, det, occasions, r);
        }
        int K = det.size();
        List<List<Detection>> byAnimal = new ArrayList<>();
        boolean hasLearned = !Double.isNaN(learnedA);
        for (int i = 0; i < pop.size(); i++) {
            Params p = params(pop, i);
            double[][] naive = occasionHazards(pop, i, det, p.a(), p.sigma(), occasions);
            double[][] learned = hasLearned ? occasionHazards(pop, i, det, learnedA, p.sigma(), occasions) : null;
            List<Detection> mine = new ArrayList<>();
            byAnimal.add(mine);
            for (int s = 0; s < occasions; s++) {
                double[] h = hasLearned && !mine.isEmpty() ? learned[s] : naive[s];
                switch (det.type()) {
                    case MULTI: {
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
                            mine.add(new Detection(i, s, k, 1));
                        }
                        break;
                    }
                    case PROXIMITY:
                        for (int k = 0; k < K; k++) {
                            double hk = det.usage(k, s) * h[k];
                            if (hk > 0 && r.nextDouble() < 1 - Math.exp(-hk)) {
                                mine.add(new Detection(i, s, k, 1));
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
                                mine.add(new Detection(i, s, k, y));
                            }
                        }
                        break;
                    default:
                        throw new IllegalStateException("cannot simulate " + det.type());
                }
            }
        }
        return detectedAnimals(sessionId, pop, det, occasions, byAnimal);
    }

    /**
     * Single-catch traps: on each occasion every animal–trap pair has an exponential waiting time
     * with rate \( u_{ks} h_{ik} \); pairs are taken in order of their times within the occasion
     * (time 1), and a pair catches only while both the animal and the trap are free (the
     * competing-hazards process of Efford, Borchers &amp; Byrom 2009).
     */
    private Session simulateSingleCatch(String sessionId, Population pop, DetectorArray det, int occasions,
            RandomGenerator r) {
        int K = det.size();
        int n = pop.size();
        boolean hasLearned = !Double.isNaN(learnedA);
        double[][][] naive = new double[n][][];
        double[][][] learned = hasLearned ? new double[n][][] : null;
        for (int i = 0; i < n; i++) {
            Params p = params(pop, i);
            naive[i] = occasionHazards(pop, i, det, p.a(), p.sigma(), occasions);
            if (hasLearned) {
                learned[i] = occasionHazards(pop, i, det, learnedA, p.sigma(), occasions);
            }
        }
        boolean[] caughtBefore = new boolean[n];
        List<List<Detection>> byAnimal = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byAnimal.add(new ArrayList<>());
        }
        List<double[]> events = new ArrayList<>();
        for (int s = 0; s < occasions; s++) {
            events.clear();
            for (int i = 0; i < n; i++) {
                double[] h = hasLearned && caughtBefore[i] ? learned[i][s] : naive[i][s];
                for (int k = 0; k < K; k++) {
                    double rate = det.usage(k, s) * h[k];
                    if (rate > 0) {
                        double t = -Math.log(1 - r.nextDouble()) / rate;
                        if (t < 1) {
                            events.add(new double[] {t, i, k});
                        }
                    }
                }
            }
            events.sort((e1, e2) -> Double.compare(e1[0], e2[0]));
            boolean[] animalTaken = new boolean[n];
            boolean[] trapTaken = new boolean[K];
            for (double[] e : events) {
                int i = (int) e[1];
                int k = (int) e[2];
                if (!animalTaken[i] && !trapTaken[k]) {
                    animalTaken[i] = true;
                    trapTaken[k] = true;
                    byAnimal.get(i).add(new Detection(i, s, k, 1));
                }
            }
            for (int i = 0; i < n; i++) {
                caughtBefore[i] |= animalTaken[i];
            }
        }
        return detectedAnimals(sessionId, pop, det, occasions, byAnimal);
    }

    /**
     * The session of the detected animals: {@code byAnimal.get(i)} holds population animal i's
     * detections (indexed by i); animals without any are dropped, the others renumbered in order,
     * named by their population identity ({@link Population#id}) and given their covariates.
     */
    private static Session detectedAnimals(String sessionId, Population pop, DetectorArray det, int occasions,
            List<List<Detection>> byAnimal) {
        List<String> ids = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        for (int i = 0; i < byAnimal.size(); i++) {
            if (!byAnimal.get(i).isEmpty()) {
                int index = ids.size();
                ids.add(pop.id(i));
                rows.add(i);
                for (Detection d : byAnimal.get(i)) {
                    dets.add(new Detection(index, d.occasion(), d.detector(), d.count()));
                }
            }
        }
        CovariateTable cov = pop.covariates().subset(rows.stream().mapToInt(Integer::intValue).toArray());
        return Session.of(sessionId, det, occasions, ids, null, dets, cov);
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
