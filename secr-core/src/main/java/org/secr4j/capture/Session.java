package org.secr4j.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.util.Checks;

/**
 * The capture histories of one session: the detectors, the number of occasions, the detected
 * animals (IDs, individual covariates, the occasion of death or removal if any) and their
 * detections.
 *
 * <p>A removal ({@code alive = FALSE} in secr) on occasion {@code r} means the animal's
 * detection on {@code r} counts and it contributes nothing on later occasions.
 *
 * <p>Immutable; thread-safe. Validated on construction: errors name the session, animal,
 * occasion (1-based) and detector.
 */
public final class Session {
    private final String id;
    private final DetectorArray detectors;
    private final int occasions;
    private final String[] animalIds;
    private final int[] removedOn;
    private final Detection[] detections;
    private final CovariateTable individualCovariates;

    private Session(String id, DetectorArray detectors, int occasions, String[] animalIds, int[] removedOn,
            Detection[] detections, CovariateTable individualCovariates) {
        this.id = id;
        this.detectors = detectors;
        this.occasions = occasions;
        this.animalIds = animalIds;
        this.removedOn = removedOn;
        this.detections = detections;
        this.individualCovariates = individualCovariates;
    }

    /**
     * A validated session.
     *
     * @param id session name
     * @param detectors the detectors (with usage, if any, for exactly {@code occasions} occasions)
     * @param occasions number of sampling occasions
     * @param animalIds IDs of the detected animals (distinct)
     * @param removedOn per animal the 0-based occasion of death/removal, or -1 (may be null: none)
     * @param detections the detections; sorted here by animal, occasion, detector
     * @param individualCovariates one row per animal
     */
    public static Session of(String id, DetectorArray detectors, int occasions, List<String> animalIds,
            int[] removedOn, List<Detection> detections, CovariateTable individualCovariates) {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(detectors, "detectors");
        Checks.require(occasions >= 1, "session '%s': number of occasions must be >= 1 but was %d", id, occasions);
        if (detectors.hasUsage()) {
            int s = detectors.usageOccasions().getAsInt();
            Checks.require(s == occasions, "session '%s': usage has %d occasions but the capture history has %d",
                    id, s, occasions);
        }
        int n = animalIds.size();
        Set<String> seen = new HashSet<>();
        for (String a : animalIds) {
            Checks.require(seen.add(a), "session '%s': animal '%s' appears twice", id, a);
        }
        int[] removed = removedOn == null ? filled(n, -1) : removedOn.clone();
        Checks.require(removed.length == n, "session '%s': %d removal entries for %d animals", id, removed.length, n);
        CovariateTable cov = individualCovariates == null ? CovariateTable.empty(n) : individualCovariates;
        Checks.require(cov.rows() == n, "session '%s': individual covariates have %d rows but there are %d animals",
                id, cov.rows(), n);
        Detection[] sorted = detections.toArray(new Detection[0]);
        Arrays.sort(sorted, Comparator.comparingInt(Detection::animal).thenComparingInt(Detection::occasion)
                .thenComparingInt(Detection::detector)); // stable: search detections keep their order
        boolean[] detected = new boolean[n];
        DetectorType type = detectors.type();
        for (int j = 0; j < sorted.length; j++) {
            Detection d = sorted[j];
            Checks.require(d.animal() < n, "session '%s': detection of animal index %d but only %d animals", id,
                    d.animal(), n);
            String where = Checks.format("session '%s', animal '%s', occasion %d, detector", id, animalIds.get(d.animal()),
                    d.occasion() + 1);
            Checks.require(d.occasion() < occasions, "%s %s: occasion %d is beyond the %d occasions of the session",
                    where, d.detector() < detectors.size() ? "'" + detectors.id(d.detector()) + "'" : "?",
                    d.occasion() + 1, occasions);
            Checks.require(d.detector() < detectors.size(), "%s index %d: no such detector (%d detectors)", where,
                    d.detector(), detectors.size());
            String det = detectors.id(d.detector());
            Checks.require(detectors.usage(d.detector(), d.occasion()) > 0,
                    "%s '%s': detection at a detector with zero usage on that occasion", where, det);
            if (type != DetectorType.COUNT) {
                Checks.require(d.count() == 1, "%s '%s': count %d but %s detectors record at most one detection",
                        where, det, d.count(), type.secrName());
            }
            if (type.isSearch()) {
                requireLocated(d, detectors, where + " '" + det + "'");
            } else {
                Checks.require(!d.hasLocation(), "%s '%s': a location (%s, %s) is given but %s detectors are points",
                        where, det, d.x(), d.y(), type.secrName());
            }
            if (j > 0) {
                Detection p = sorted[j - 1];
                boolean sameOccasion = p.animal() == d.animal() && p.occasion() == d.occasion();
                if (sameOccasion && type.isTrap()) {
                    throw new IllegalArgumentException(Checks.format(
                            "%s '%s': already caught at detector '%s' on this occasion; %s traps catch an animal at most once per occasion",
                            where, det, detectors.id(p.detector()), type.secrName()));
                }
                if (sameOccasion && type.isExclusive()) {
                    throw new IllegalArgumentException(Checks.format(
                            "%s '%s': already detected at detector '%s' on this occasion; %s detectors detect an animal at most once per occasion",
                            where, det, detectors.id(p.detector()), type.secrName()));
                }
                Checks.require(!(sameOccasion && p.detector() == d.detector()) || type.isSearch(),
                        "%s '%s': the same detection is recorded twice", where, det);
            }
            int r = removed[d.animal()];
            Checks.require(r < 0 || d.occasion() <= r, "%s '%s': detected after its removal on occasion %d", where, det,
                    r + 1);
            detected[d.animal()] = true;
        }
        for (int i = 0; i < n; i++) {
            Checks.require(detected[i], "session '%s', animal '%s': no detections", id, animalIds.get(i));
        }
        return new Session(id, detectors, occasions, animalIds.toArray(new String[0]), removed, sorted, cov);
    }

    /**
     * Relative tolerance for a search detection's location: it may lie at most this fraction of the
     * detector's extent outside the polygon or off the transect (rounding of recorded coordinates).
     */
    public static final double LOCATION_TOLERANCE = 1e-6;

    private static void requireLocated(Detection d, DetectorArray detectors, String where) {
        requireLocated(detectors, d.detector(), d.x(), d.y(), where);
    }

    /**
     * Checks that a search detection at {@code (x, y)} has a finite location within
     * {@link #LOCATION_TOLERANCE} of detector k's area or line; the message starts with {@code where}.
     */
    static void requireLocated(DetectorArray detectors, int k, double x, double y, String where) {
        Checks.require(Double.isFinite(x) && Double.isFinite(y),
                "%s: %s detections need a finite location x, y but it is (%s, %s)", where, detectors.type().secrName(), x, y);
        double off = detectors.distanceTo(k, x, y);
        Checks.require(off <= LOCATION_TOLERANCE * detectors.extent(k), "%s: location (%s, %s) is %s m %s the detector",
                where, x, y, off, detectors.type().isPolygon() ? "outside" : "off");
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    public String id() {
        return id;
    }

    public DetectorArray detectors() {
        return detectors;
    }

    public int occasions() {
        return occasions;
    }

    public int animals() {
        return animalIds.length;
    }

    public String animalId(int i) {
        return animalIds[i];
    }

    public List<String> animalIds() {
        return List.of(animalIds);
    }

    /** 0-based occasion on which animal {@code i} died or was removed, or -1. */
    public int removedOn(int i) {
        return removedOn[i];
    }

    /** Detections sorted by animal, occasion, detector (an unmodifiable view). */
    public List<Detection> detections() {
        return List.of(detections);
    }

    public int detectionCount() {
        int c = 0;
        for (Detection d : detections) {
            c += d.count();
        }
        return c;
    }

    public CovariateTable individualCovariates() {
        return individualCovariates;
    }

    /** The same session with the animals in the order {@code permutation} (new index i = old permutation[i]). */
    public Session permuted(int[] permutation) {
        Checks.require(permutation.length == animalIds.length, "permutation length %d for %d animals",
                permutation.length, animalIds.length);
        int[] inverse = new int[permutation.length];
        List<String> ids = new ArrayList<>();
        int[] removed = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inverse[permutation[i]] = i;
            ids.add(animalIds[permutation[i]]);
            removed[i] = removedOn[permutation[i]];
        }
        List<Detection> d = new ArrayList<>();
        for (Detection x : detections) {
            d.add(x.withAnimal(inverse[x.animal()]));
        }
        return of(id, detectors, occasions, ids, removed, d, individualCovariates.subset(permutation));
    }

    /** The same histories with other detectors (same IDs in the same order), e.g. translated or retyped. */
    public Session withDetectors(DetectorArray other) {
        Checks.require(other.ids().equals(detectors.ids()), "session '%s': replacement detectors have other IDs", id);
        return of(id, other, other.hasUsage() ? other.usageOccasions().getAsInt() : occasions, List.of(animalIds),
                removedOn, List.of(detections), individualCovariates);
    }

    @Override
    public String toString() {
        return "Session[" + id + ": " + animalIds.length + " animals, " + detectionCount() + " detections, "
                + occasions + " occasions, " + detectors + "]";
    }
}
