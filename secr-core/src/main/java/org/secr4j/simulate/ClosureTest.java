package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.util.Checks;

/**
 * A test of demographic closure within a session from the spans of capture histories (the idea of
 * the closure test of Otis et al. 1978, p. 120, which secr's {@code closure.test} reports: animals
 * that arrive after the first occasion or leave before the last are caught over shorter spans).
 *
 * <p>Null hypothesis: the population is closed and each animal's detection probability is the same
 * on every occasion (it may differ between animals: models M<sub>0</sub> and M<sub>h</sub>). Then,
 * given that animal i was detected on \( r_i \ge 2 \) of the \( t \) occasions, its set of occasions
 * is a uniform random \( r_i \)-subset of \( \{1, \dots, t\} \) (every subset has probability
 * \( p^{r}(1-p)^{t-r} \)). Its span \( W_i = \) last − first occasion has
 * \[ \Pr(W = w) = \frac{(t - w)\binom{w-1}{r-2}}{\binom{t}{r}}, \quad w = r-1, \dots, t-1, \]
 * \[ E(W) = \frac{(r-1)(t+1)}{r+1}, \qquad \mathrm{Var}(W) = \frac{2(r-1)(t+1)(t-r)}{(r+1)^2(r+2)} . \]
 * The statistic is \( S = \sum_i W_i \) over animals detected at least twice; under additions or
 * losses S is small. Reported: \( z = (S - E S)/\sqrt{\mathrm{Var} S} \) with its lower-tail normal
 * p-value, and the exact lower-tail p-value \( \Pr(S \le s) \) from the convolution of the
 * \( W_i \) distributions. Like Otis et al.'s test it is also sensitive to behavioural or temporal
 * variation in detection, which violates the null as well; read a rejection with that in mind.
 *
 * <p>Animals removed during the session (e.g. died on capture) are left out and counted
 * ({@link Result#removedAnimals()}), as are animals detected once (they carry no span).
 */
public final class ClosureTest {
    /**
     * The outcome for one session.
     *
     * @param session the session's ID
     * @param occasions t
     * @param animals animals used (detected on at least two occasions, not removed)
     * @param singletons animals detected on one occasion only (not used)
     * @param removedAnimals animals removed during the session (not used)
     * @param span observed \( S = \sum W_i \)
     * @param expectedSpan \( E(S) \) under closure
     * @param z standardised statistic
     * @param pNormal lower-tail p-value of z
     * @param pExact exact lower-tail p-value \( \Pr(S \le s) \)
     */
    public record Result(String session, int occasions, int animals, int singletons, int removedAnimals, long span,
            double expectedSpan, double z, double pNormal, double pExact) {}

    private ClosureTest() {}

    /**
     * Tests {@code session}.
     *
     * @throws IllegalArgumentException with fewer than three occasions (no span can be short)
     */
    public static Result test(Session session) {
        int t = session.occasions();
        Checks.require(t >= 3, "session '%s': the closure test needs at least 3 occasions but has %d", session.id(), t);
        int n = session.animals();
        boolean[][] caught = new boolean[n][t];
        for (Detection d : session.detections()) {
            caught[d.animal()][d.occasion()] = true;
        }
        int used = 0;
        int singles = 0;
        int removed = 0;
        long span = 0;
        double mean = 0;
        double var = 0;
        double[] pmf = {1.0}; // distribution of the running sum of spans
        for (int i = 0; i < n; i++) {
            if (session.removedOn(i) >= 0) {
                removed++;
                continue;
            }
            int first = -1;
            int last = -1;
            int r = 0;
            for (int s = 0; s < t; s++) {
                if (caught[i][s]) {
                    r++;
                    last = s;
                    if (first < 0) {
                        first = s;
                    }
                }
            }
            if (r < 2) {
                singles += r;
                continue;
            }
            used++;
            span += last - first;
            mean += expectedSpan(t, r);
            var += spanVariance(t, r);
            pmf = convolve(pmf, spanDistribution(t, r));
        }
        double z = var > 0 ? (span - mean) / Math.sqrt(var) : Double.NaN;
        double pNormal = var > 0 ? new NormalDistribution().cumulativeProbability(z) : Double.NaN;
        double pExact = 0;
        for (int s = 0; s <= span && s < pmf.length; s++) {
            pExact += pmf[s];
        }
        return new Result(session.id(), t, used, singles, removed, span, mean, z, pNormal,
                used == 0 ? Double.NaN : Math.min(1, pExact));
    }

    /** \( \Pr(W = w) \), w = 0 … t − 1, for an animal detected on r ≥ 2 of t occasions. */
    static double[] spanDistribution(int t, int r) {
        Checks.require(r >= 2 && r <= t, "need 2 <= r <= t but r = %d, t = %d", r, t);
        double[] p = new double[t];
        double total = CombinatoricsUtils.binomialCoefficientDouble(t, r);
        for (int w = r - 1; w <= t - 1; w++) {
            p[w] = (t - w) * CombinatoricsUtils.binomialCoefficientDouble(w - 1, r - 2) / total;
        }
        return p;
    }

    static double expectedSpan(int t, int r) {
        return (r - 1.0) * (t + 1) / (r + 1);
    }

    static double spanVariance(int t, int r) {
        return 2.0 * (r - 1) * (t + 1) * (t - r) / ((r + 1.0) * (r + 1) * (r + 2));
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                c[i + j] += a[i] * b[j];
            }
        }
        return c;
    }

    /** The test for every session of a capture history, in order. */
    public static List<Result> test(List<Session> sessions) {
        List<Result> out = new ArrayList<>();
        for (Session s : sessions) {
            out.add(test(s));
        }
        return out;
    }
}
