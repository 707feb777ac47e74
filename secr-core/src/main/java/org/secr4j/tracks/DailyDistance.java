package org.secr4j.tracks;

import java.util.List;
import java.util.random.RandomGenerator;
import org.secr4j.util.Checks;

/**
 * Mean daily travel distance \(\bar d\) (km/day) with its SE and degrees of freedom.
 *
 * <p>From trailed animals, each followed for \(n_a\) days covering \(D_a\) km:
 * \( \bar d = \sum_a D_a / \sum_a n_a \), a ratio estimator over animals (animals, not days, are
 * the sampling units: days of one animal are correlated), with
 * \( \widehat{\mathrm{var}}(\bar d) = \frac{m}{m-1} \sum_a (D_a - \bar d\,n_a)^2 / (\sum_a n_a)^2 \)
 * and \( m - 1 \) df for \(m\) animals; or by resampling animals ({@link #bootstrapSe}).
 */
public record DailyDistance(double meanKm, double se, double df) {
    public DailyDistance {
        Checks.positive(meanKm, "mean daily distance (km)");
        Checks.require(se >= 0 && Double.isFinite(se), "SE of the daily distance must be >= 0 but was %s", se);
        Checks.require(df > 0, "df must be > 0 but was %s", df);
    }

    /** A daily distance given with its CV (and df for the interval; infinite if known exactly). */
    public static DailyDistance given(double meanKm, double cv, double df) {
        Checks.require(cv >= 0 && Double.isFinite(cv), "CV must be >= 0 but was %s", cv);
        return new DailyDistance(meanKm, meanKm * cv, df);
    }

    /**
     * From trails: one array of daily distances (km) per animal.
     *
     * @throws IllegalArgumentException for fewer than two animals, an animal without days, or a
     *     negative distance (naming the animal by its position)
     */
    public static DailyDistance fromTrails(List<double[]> dailyKmPerAnimal) {
        int m = dailyKmPerAnimal.size();
        Checks.require(m >= 2, "the daily distance needs at least 2 trailed animals but got %d", m);
        double[] total = new double[m];
        double[] days = new double[m];
        for (int a = 0; a < m; a++) {
            double[] d = dailyKmPerAnimal.get(a);
            Checks.require(d.length > 0, "trailed animal %d has no days", a + 1);
            for (double km : d) {
                Checks.require(km >= 0 && Double.isFinite(km), "trailed animal %d: daily distance must be >= 0 km but was %s",
                        a + 1, km);
                total[a] += km;
            }
            days[a] = d.length;
        }
        double sumKm = 0;
        double sumDays = 0;
        for (int a = 0; a < m; a++) {
            sumKm += total[a];
            sumDays += days[a];
        }
        double r = sumKm / sumDays;
        double ss = 0;
        for (int a = 0; a < m; a++) {
            ss += (total[a] - r * days[a]) * (total[a] - r * days[a]);
        }
        return new DailyDistance(r, Math.sqrt(m / (m - 1.0) * ss) / sumDays, m - 1.0);
    }

    /** Bootstrap SE of the ratio estimator, resampling animals with replacement. */
    public static double bootstrapSe(List<double[]> dailyKmPerAnimal, int replicates, RandomGenerator random) {
        double sum = 0;
        double sum2 = 0;
        for (int b = 0; b < replicates; b++) {
            double r = resampledMean(dailyKmPerAnimal, random);
            sum += r;
            sum2 += r * r;
        }
        double mean = sum / replicates;
        return Math.sqrt((sum2 - replicates * mean * mean) / (replicates - 1));
    }

    /** The ratio estimate over animals drawn with replacement (as many as there are). */
    static double resampledMean(List<double[]> dailyKmPerAnimal, RandomGenerator random) {
        int m = dailyKmPerAnimal.size();
        double total = 0;
        double days = 0;
        for (int a = 0; a < m; a++) {
            double[] d = dailyKmPerAnimal.get(random.nextInt(m));
            for (double km : d) {
                total += km;
            }
            days += d.length;
        }
        return total / days;
    }

    /** SE / mean. */
    public double cv() {
        return se / meanKm;
    }
}
