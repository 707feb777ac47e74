package org.secr4j.tracks;

import java.util.random.RandomGenerator;
import org.secr4j.util.Checks;

/**
 * Simulates animals walking correlated random walks on a torus (no edges) and counts their track
 * crossings of horizontal routes, for checking track-count estimators.
 *
 * <p>Each animal starts at a uniform position with a uniform heading and takes steps of
 * {@code stepKm}; after each step the heading turns by a normal angle with SD
 * {@code turnSdRadians} (0: straight lines; about 1.5: very tortuous). Every crossing of a route
 * counts, repeated crossings by one animal included, as in the field.
 *
 * <p>Immutable; a simulation is a pure function of its arguments and the generator's state.
 */
public final class TrailSimulator {
    private final double widthKm;
    private final double heightKm;
    private final double stepKm;
    private final double turnSdRadians;

    /** A torus of {@code widthKm × heightKm} with the walk's step and turning SD. */
    public TrailSimulator(double widthKm, double heightKm, double stepKm, double turnSdRadians) {
        this.widthKm = Checks.positive(widthKm, "width (km)");
        this.heightKm = Checks.positive(heightKm, "height (km)");
        this.stepKm = Checks.positive(stepKm, "step (km)");
        Checks.require(turnSdRadians >= 0, "turning SD must be >= 0");
        this.turnSdRadians = turnSdRadians;
    }

    /** A horizontal route from (x0, y) to (x0 + length, y), inside the torus. */
    public record HorizontalRoute(double x0Km, double yKm, double lengthKm) {}

    /**
     * Crossings per route by {@code animals} animals each travelling {@code pathKm} (a whole number
     * of steps).
     */
    public double[] crossings(int animals, double pathKm, HorizontalRoute[] routes, RandomGenerator random) {
        int steps = (int) Math.round(pathKm / stepKm);
        double[] out = new double[routes.length];
        for (int a = 0; a < animals; a++) {
            double x = random.nextDouble() * widthKm;
            double y = random.nextDouble() * heightKm;
            double heading = random.nextDouble() * 2 * Math.PI;
            for (int s = 0; s < steps; s++) {
                double nx = x + stepKm * Math.cos(heading);
                double ny = y + stepKm * Math.sin(heading);
                for (int r = 0; r < routes.length; r++) {
                    out[r] += crossingsOfStep(x, y, nx, ny, routes[r]);
                }
                x = nx;
                y = ny;
                if (turnSdRadians > 0) {
                    heading += turnSdRadians * random.nextGaussian();
                }
            }
        }
        return out;
    }

    /** Crossings of the segment (unwrapped coordinates) with the route's periodic copies. */
    private int crossingsOfStep(double x1, double y1, double x2, double y2, HorizontalRoute route) {
        double lo = Math.min(y1, y2);
        double hi = Math.max(y1, y2);
        int count = 0;
        long mFirst = (long) Math.ceil((lo - route.yKm()) / heightKm);
        for (long m = mFirst; route.yKm() + m * heightKm < hi; m++) {
            double yc = route.yKm() + m * heightKm;
            if (yc <= lo) {
                continue;
            }
            double f = (yc - y1) / (y2 - y1);
            double xc = x1 + f * (x2 - x1);
            double xr = ((xc - route.x0Km()) % widthKm + widthKm) % widthKm;
            if (xr < route.lengthKm()) {
                count++;
            }
        }
        return count;
    }
}
