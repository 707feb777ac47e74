package org.secr4j.capture;

/**
 * One observed event: animal {@code animal} detected {@code count} times at detector
 * {@code detector} on occasion {@code occasion} (all indices 0-based within a session). A
 * detection by a search detector (polygon or transect) is one event at a location
 * {@code (x, y)} in metres; point detectors have no location (NaN).
 *
 * @param animal index of the animal in its session
 * @param occasion 0-based occasion
 * @param detector index of the detector in the session's detector array
 * @param count number of detections (1 for traps, binary proximity and search detectors)
 * @param x location of a search detection (m), else NaN
 * @param y location of a search detection (m), else NaN
 */
public record Detection(int animal, int occasion, int detector, int count, double x, double y) {
    public Detection {
        if (animal < 0 || occasion < 0 || detector < 0 || count < 1) {
            throw new IllegalArgumentException("invalid detection " + animal + "/" + occasion + "/" + detector
                    + "/" + count);
        }
    }

    /** A detection at a point detector (no location). */
    public Detection(int animal, int occasion, int detector, int count) {
        this(animal, occasion, detector, count, Double.NaN, Double.NaN);
    }

    /** A single detection at location {@code (x, y)} by a search detector. */
    public static Detection located(int animal, int occasion, int detector, double x, double y) {
        return new Detection(animal, occasion, detector, 1, x, y);
    }

    /** Whether this detection has a location (search detectors). */
    public boolean hasLocation() {
        return !Double.isNaN(x) || !Double.isNaN(y);
    }

    /** {@code Detection[animal=.., occasion=.., detector=.., count=..]}, with {@code x, y} when located. */
    @Override
    public String toString() {
        return "Detection[animal=" + animal + ", occasion=" + occasion + ", detector=" + detector + ", count=" + count
                + (hasLocation() ? ", x=" + x + ", y=" + y : "") + "]";
    }

    /** The same detection for animal index {@code newAnimal}. */
    public Detection withAnimal(int newAnimal) {
        return new Detection(newAnimal, occasion, detector, count, x, y);
    }
}
