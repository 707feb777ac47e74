package org.secr4j.capture;

/**
 * One observed event: animal {@code animal} detected {@code count} times at detector
 * {@code detector} on occasion {@code occasion} (all indices 0-based within a session).
 *
 * @param animal index of the animal in its session
 * @param occasion 0-based occasion
 * @param detector index of the detector in the session's detector array
 * @param count number of detections (1 for traps and binary proximity detectors)
 */
public record Detection(int animal, int occasion, int detector, int count) {
    public Detection {
        if (animal < 0 || occasion < 0 || detector < 0 || count < 1) {
            throw new IllegalArgumentException("invalid detection " + animal + "/" + occasion + "/" + detector
                    + "/" + count);
        }
    }
}
