package com.erasureworker.api;

import com.erasureworker.api.Problem.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reading query parameters the same way on every list endpoint: blank means absent, and every unreadable value adds
 * a field error (the caller answers them all at once with a 400 problem) instead of failing on the first.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The parsed value, null when absent; when {@code parser} fails, a field error "must be {expected}". */
    public static <T> T value(String name, String text, Function<String, T> parser, String expected,
            List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException unreadable) {
            errors.add(new FieldError(name, "must be " + expected));
            return null;
        }
    }

    /** An integer within {@code min..max}, {@code defaultValue} when absent or wrong (with a field error). */
    public static int bounded(String name, String text, int defaultValue, int min, int max, List<FieldError> errors) {
        Integer value = value(name, text, Integer::valueOf, "an integer", errors);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(name, "must be between " + min + " and " + max));
            return defaultValue;
        }
        return value;
    }

    /** An ISO-8601 instant, with an offset or in UTC ({@code Z}). */
    public static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            return Instant.parse(text);
        }
    }

    /** {@code true} or {@code false}, any case. */
    public static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
