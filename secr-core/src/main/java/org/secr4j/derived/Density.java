package org.secr4j.derived;

import org.secr4j.util.Checks;

/**
 * A density with its unit in the name: secr works in animals per hectare; big-cat surveys speak
 * of animals per 100 km² (1 animal/ha = 10,000 animals/100 km²).
 *
 * <p>Immutable; thread-safe.
 */
public final class Density {
    /** Hectares in 100 km². */
    public static final double HECTARES_PER_100_KM2 = 10_000.0;
    /** Hectares in 1 km². */
    public static final double HECTARES_PER_KM2 = 100.0;
    private final double perHectare;

    private Density(double perHectare) {
        this.perHectare = perHectare;
    }

    public static Density perHectare(double animalsPerHectare) {
        Checks.require(animalsPerHectare >= 0 && Double.isFinite(animalsPerHectare),
                "density must be finite and >= 0 but was %s", animalsPerHectare);
        return new Density(animalsPerHectare);
    }

    public static Density per100SquareKilometres(double animals) {
        return perHectare(animals / HECTARES_PER_100_KM2);
    }

    public static Density perSquareKilometre(double animals) {
        return perHectare(animals / HECTARES_PER_KM2);
    }

    public double perHectare() {
        return perHectare;
    }

    public double perSquareKilometre() {
        return perHectare * HECTARES_PER_KM2;
    }

    public double per100SquareKilometres() {
        return perHectare * HECTARES_PER_100_KM2;
    }

    @Override
    public String toString() {
        return perHectare + " animals/ha";
    }
}
