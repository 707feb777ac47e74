package org.secr4j.capture;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.secr4j.util.Checks;

/**
 * Capture histories of one or more sessions (secr's {@code capthist}, single- or multi-session).
 *
 * <p>Immutable; thread-safe.
 */
public final class CaptureHistory {
    private final List<Session> sessions;

    private CaptureHistory(List<Session> sessions) {
        this.sessions = sessions;
    }

    /** Histories of these sessions, in order; session IDs must be distinct. */
    public static CaptureHistory of(List<Session> sessions) {
        Checks.require(!sessions.isEmpty(), "a capture history needs at least one session");
        Set<String> ids = new HashSet<>();
        for (Session s : sessions) {
            Checks.require(ids.add(s.id()), "session '%s' appears twice", s.id());
        }
        return new CaptureHistory(List.copyOf(sessions));
    }

    /** A single-session history. */
    public static CaptureHistory of(Session session) {
        return of(List.of(session));
    }

    public List<Session> sessions() {
        return sessions;
    }

    public Session session(int i) {
        return sessions.get(i);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Number of detected animals summed over sessions (secr's n used in AICc). */
    public int animalCount() {
        int n = 0;
        for (Session s : sessions) {
            n += s.animals();
        }
        return n;
    }

    /** Builder for assembling histories row by row (e.g. from a file). */
    public static CaptureHistoryBuilder builder() {
        return new CaptureHistoryBuilder();
    }

    @Override
    public String toString() {
        return "CaptureHistory" + sessions;
    }
}
