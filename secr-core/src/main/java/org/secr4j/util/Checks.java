package org.secr4j.util;

import java.util.Locale;

/**
 * Argument checks whose messages are formatted with {@link Locale#ROOT}.
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class Checks {
    private Checks() {}

    /** Formats a message with {@link Locale#ROOT}. */
    public static String format(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    /** Throws {@link IllegalArgumentException} with the formatted message unless {@code condition}. */
    public static void require(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(format(template, args));
        }
    }

    /** Requires a finite value. */
    public static double finite(double value, String what) {
        require(Double.isFinite(value), "%s must be finite but was %s", what, value);
        return value;
    }

    /** Requires a finite, strictly positive value. */
    public static double positive(double value, String what) {
        require(Double.isFinite(value) && value > 0, "%s must be a finite positive number but was %s", what, value);
        return value;
    }
}
