package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.secr4j.mask.HabitatMask;
import org.secr4j.util.Checks;

/**
 * Populations of successive sessions (e.g. yearly surveys) linked by survival and recruitment,
 * with a set rate of change \( \lambda \) (secr's {@code sim.popn} with {@code nsessions} and
 * turnover; Efford's openCR models in their simplest form).
 *
 * <p>Session 1 is a homogeneous Poisson population of density \( D_1 \) over the mask. Between
 * sessions each animal survives independently with probability \( \phi \), keeping its identity
 * and activity centre (site fidelity), and \( B_t \sim \mathrm{Poisson}((\lambda - \phi) N_{t-1}) \)
 * recruits arrive, placed uniformly over the mask with new identities. Then
 * \( E(N_t \mid N_{t-1}) = \phi N_{t-1} + (\lambda - \phi) N_{t-1} = \lambda N_{t-1} \), so
 * \( E(N_t) = D_1 |M| \lambda^{t-1} \): the density trend a {@code D ~ Session} fit (or secr's
 * {@code Dlambda} parameterisation) estimates. Animals keep their identity across sessions, so
 * the same animal detected in two sessions carries the same ID.
 *
 * <p>Stateless; every call draws from the generator it is given.
 */
public final class OpenPopulation {
    private OpenPopulation() {}

    /**
     * Simulates {@code sessions} populations.
     *
     * @param densityPerHectare \( D_1 \), the density in session 1 (animals/ha)
     * @param survival \( \phi \in [0, 1] \), the probability an animal survives to the next session
     * @param lambda \( \lambda \ge \phi \), the expected session-on-session rate of change
     * @return one population per session; IDs "1", "2", … in order of first appearance
     * @throws IllegalArgumentException if λ &lt; φ (recruitment would be negative) or an argument is
     *     out of range
     */
    public static List<Population> simulate(HabitatMask mask, double densityPerHectare, int sessions, double survival,
            double lambda, RandomGenerator random) {
        Checks.require(sessions >= 1, "sessions must be >= 1 but was %d", sessions);
        Checks.require(densityPerHectare >= 0, "density must be >= 0 but was %s", densityPerHectare);
        Checks.require(survival >= 0 && survival <= 1, "survival must be in [0, 1] but was %s", survival);
        Checks.require(lambda >= survival, "lambda (%s) must be >= survival (%s): recruitment (lambda - survival) "
                + "per animal cannot be negative", lambda, survival);
        List<Population> out = new ArrayList<>();
        Population first = Population.poisson(mask, densityPerHectare, random);
        List<double[]> alive = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < first.size(); i++) {
            alive.add(new double[] {first.x(i), first.y(i)});
            ids.add(Integer.toString(++next));
        }
        out.add(of(alive, ids));
        for (int t = 1; t < sessions; t++) {
            int previous = alive.size();
            List<double[]> survivors = new ArrayList<>();
            List<String> survivorIds = new ArrayList<>();
            for (int i = 0; i < previous; i++) {
                if (random.nextDouble() < survival) {
                    survivors.add(alive.get(i));
                    survivorIds.add(ids.get(i));
                }
            }
            Population recruits = Population.fixedN(mask,
                    Population.poissonDeviate((lambda - survival) * previous, random), random);
            for (int i = 0; i < recruits.size(); i++) {
                survivors.add(new double[] {recruits.x(i), recruits.y(i)});
                survivorIds.add(Integer.toString(++next));
            }
            alive = survivors;
            ids = survivorIds;
            out.add(of(alive, ids));
        }
        return List.copyOf(out);
    }

    private static Population of(List<double[]> centres, List<String> ids) {
        double[] x = new double[centres.size()];
        double[] y = new double[centres.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = centres.get(i)[0];
            y[i] = centres.get(i)[1];
        }
        return Population.of(x, y, ids);
    }
}
