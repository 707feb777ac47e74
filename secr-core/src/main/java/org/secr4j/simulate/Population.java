package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.mask.HabitatMask;
import org.secr4j.util.Checks;

/**
 * Activity centres of a simulated population (metres), with optional individual covariates (one
 * row per animal, e.g. sex) that the {@link CaptureSimulator} may use and passes on to the
 * detected animals.
 *
 * <p>Immutable; thread-safe.
 */
public final class Population {
    private final double[] x;
    private final double[] y;
    private final CovariateTable covariates;
    /** Animal identities (null: "1", "2", … by index), kept across sessions by {@link OpenPopulation}. */
    private final String[] ids;

    private Population(double[] x, double[] y, CovariateTable covariates) {
        this(x, y, covariates, null);
    }

    private Population(double[] x, double[] y, CovariateTable covariates, String[] ids) {
        this.x = x;
        this.y = y;
        this.covariates = covariates;
        this.ids = ids;
    }

    /**
     * Centres with explicit animal identities (copied), e.g. the same animal in several sessions.
     *
     * @throws IllegalArgumentException if lengths differ or an identity repeats
     */
    public static Population of(double[] x, double[] y, List<String> ids) {
        Checks.require(x.length == y.length && x.length == ids.size(), "x (%d), y (%d) and ids (%d) differ in length",
                x.length, y.length, ids.size());
        Checks.require(new java.util.HashSet<>(ids).size() == ids.size(), "animal identities repeat: %s", ids);
        return new Population(x.clone(), y.clone(), CovariateTable.empty(x.length), ids.toArray(new String[0]));
    }

    /** The identity of animal {@code i}: given, or its 1-based index. */
    public String id(int i) {
        return ids == null ? Integer.toString(i + 1) : ids[i];
    }

    /** Centres at the given coordinates (copied). */
    public static Population of(double[] x, double[] y) {
        Checks.require(x.length == y.length, "x (%d) and y (%d) differ in length", x.length, y.length);
        return new Population(x.clone(), y.clone(), CovariateTable.empty(x.length));
    }

    /**
     * This population with a factor covariate drawn independently for each animal: level
     * {@code levels[j]} with probability {@code probabilities[j]} (e.g. {@code "sex"}, F/M, 0.5/0.5).
     *
     * @throws IllegalArgumentException if the probabilities are not positive or do not sum to 1, or
     *     the covariate exists already
     */
    public Population withFactor(String name, List<String> levels, double[] probabilities, RandomGenerator random) {
        Checks.require(levels.size() == probabilities.length && !levels.isEmpty(),
                "%d levels but %d probabilities", levels.size(), probabilities.length);
        double sum = 0;
        for (double p : probabilities) {
            Checks.require(p >= 0, "probabilities must be >= 0 but got %s", p);
            sum += p;
        }
        Checks.require(Math.abs(sum - 1) < 1e-9, "probabilities of %s sum to %s, not 1", levels, sum);
        Checks.require(covariates.get(name).isEmpty(), "the population already has covariate '%s'", name);
        String[] values = new String[size()];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            int j = 0;
            double c = probabilities[0];
            while (u >= c && j < levels.size() - 1) {
                j++;
                c += probabilities[j];
            }
            values[i] = levels.get(j);
        }
        List<Covariate> cols = new ArrayList<>(covariates.columns());
        cols.add(Covariate.factor(name, values));
        return new Population(x, y, CovariateTable.of(size(), cols), ids);
    }

    /** The individual covariates, one row per animal (no columns unless added). */
    public CovariateTable covariates() {
        return covariates;
    }

    /**
     * A homogeneous Poisson population over {@code mask}: \( N \sim \mathrm{Poisson}(D \cdot |M|) \)
     * centres, each in a mask cell chosen uniformly and placed uniformly within it.
     *
     * @param densityPerHectare D (animals/ha)
     * @param random the generator (advanced)
     */
    public static Population poisson(HabitatMask mask, double densityPerHectare, RandomGenerator random) {
        Checks.require(densityPerHectare >= 0, "density must be >= 0 but was %s", densityPerHectare);
        int n = poissonDeviate(densityPerHectare * mask.areaHectares(), random);
        return fixedN(mask, n, random);
    }

    /**
     * An inhomogeneous Poisson population: \( N \sim \mathrm{Poisson}(\sum_m D_m a) \) over the mask
     * cells of area \(a\), each centre in cell \(m\) with probability \( D_m / \sum D \), uniform
     * within it (e.g. density from a mask covariate, secr's {@code sim.popn} with {@code model2D = "IHP"}).
     *
     * @param densityPerHectare one density (animals/ha, &gt;= 0) per mask point
     */
    public static Population inhomogeneous(HabitatMask mask, double[] densityPerHectare, RandomGenerator random) {
        Checks.require(densityPerHectare.length == mask.size(), "%d densities for %d mask points",
                densityPerHectare.length, mask.size());
        double[] cumulative = new double[mask.size()];
        double total = 0;
        for (int m = 0; m < mask.size(); m++) {
            Checks.require(densityPerHectare[m] >= 0 && Double.isFinite(densityPerHectare[m]),
                    "density at mask point %d must be finite and >= 0 but was %s", m, densityPerHectare[m]);
            total += densityPerHectare[m];
            cumulative[m] = total;
        }
        int n = poissonDeviate(total * mask.cellAreaHectares(), random);
        double s = mask.spacingMetres();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * total;
            int m = java.util.Arrays.binarySearch(cumulative, u);
            m = m >= 0 ? m : -m - 1;
            m = Math.min(m, mask.size() - 1);
            x[i] = mask.x(m) + (random.nextDouble() - 0.5) * s;
            y[i] = mask.y(m) + (random.nextDouble() - 0.5) * s;
        }
        return new Population(x, y, CovariateTable.empty(n));
    }

    /**
     * A clustered population (Neyman–Scott; a mother with her cubs): cluster centres form a Poisson
     * population of {@code clusterDensityPerHectare} over the mask; each cluster has
     * \( 1 + \mathrm{Poisson}(\text{extraMembers}) \) animals whose centres scatter around the cluster
     * centre with independent normal offsets of SD {@code spreadMetres} (0: shared centre). Overall
     * density \( D_c (1 + \text{extraMembers}) \). Animals carry the factor {@code cluster} (its
     * number, 1-based).
     */
    public static Population clustered(HabitatMask mask, double clusterDensityPerHectare, double extraMembers,
            double spreadMetres, RandomGenerator random) {
        Checks.require(extraMembers >= 0, "mean extra members must be >= 0 but was %s", extraMembers);
        Checks.require(spreadMetres >= 0, "spread must be >= 0 m but was %s", spreadMetres);
        Population parents = poisson(mask, clusterDensityPerHectare, random);
        List<double[]> pts = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        for (int c = 0; c < parents.size(); c++) {
            int members = 1 + poissonDeviate(extraMembers, random);
            for (int j = 0; j < members; j++) {
                pts.add(new double[] {parents.x(c) + spreadMetres * random.nextGaussian(),
                    parents.y(c) + spreadMetres * random.nextGaussian()});
                cluster.add(Integer.toString(c + 1));
            }
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Population(x, y, CovariateTable.of(x.length,
                List.of(Covariate.factor("cluster", cluster.toArray(new String[0])))));
    }

    /** Exactly {@code n} centres uniformly over {@code mask} (binomial N). */
    public static Population fixedN(HabitatMask mask, int n, RandomGenerator random) {
        Checks.require(n >= 0, "N must be >= 0 but was %d", n);
        double s = mask.spacingMetres();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int m = random.nextInt(mask.size());
            x[i] = mask.x(m) + (random.nextDouble() - 0.5) * s;
            y[i] = mask.y(m) + (random.nextDouble() - 0.5) * s;
        }
        return new Population(x, y, CovariateTable.empty(n));
    }

    /**
     * A homogeneous Poisson population over a polygon (secr's {@code sim.popn} with a {@code poly}):
     * \( N \sim \mathrm{Poisson}(D \cdot |R|) \) with \(|R|\) the polygon's area (coordinates in metres,
     * area in hectares), each centre uniform in the polygon (drawn uniformly in its bounding box until
     * inside).
     *
     * @throws IllegalArgumentException if the region has no area
     */
    public static Population poisson(org.locationtech.jts.geom.Geometry region, double densityPerHectare,
            RandomGenerator random) {
        Checks.require(densityPerHectare >= 0, "density must be >= 0 but was %s", densityPerHectare);
        Checks.require(region.getArea() > 0, "the region has no area");
        return fixedN(region, poissonDeviate(densityPerHectare * region.getArea() / 10_000, random), random);
    }

    /** Exactly {@code n} centres uniform over a polygon (binomial N). */
    public static Population fixedN(org.locationtech.jts.geom.Geometry region, int n, RandomGenerator random) {
        Checks.require(n >= 0, "N must be >= 0 but was %d", n);
        Checks.require(region.getArea() > 0, "the region has no area");
        org.locationtech.jts.geom.Envelope env = region.getEnvelopeInternal();
        org.locationtech.jts.geom.prep.PreparedGeometry prepared =
                org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(region);
        org.locationtech.jts.geom.GeometryFactory gf = region.getFactory();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double px;
            double py;
            do {
                px = env.getMinX() + random.nextDouble() * env.getWidth();
                py = env.getMinY() + random.nextDouble() * env.getHeight();
            } while (!prepared.contains(gf.createPoint(new org.locationtech.jts.geom.Coordinate(px, py))));
            x[i] = px;
            y[i] = py;
        }
        return new Population(x, y, CovariateTable.empty(n));
    }

    /** A Poisson deviate: inversion for small means, normal-approximation-free PTRS otherwise (Hörmann 1993). */
    static int poissonDeviate(double mean, RandomGenerator r) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double l = Math.exp(-mean);
            int k = 0;
            double p = r.nextDouble();
            double cdf = l;
            double term = l;
            while (p > cdf && k < 10_000) {
                k++;
                term *= mean / k;
                cdf += term;
            }
            return k;
        }
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5;
            double v = r.nextDouble();
            double us = 0.5 - Math.abs(u);
            int k = (int) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * loglam - org.apache.commons.math3.special.Gamma.logGamma(k + 1.0)) {
                return k;
            }
        }
    }

    public int size() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }
}
