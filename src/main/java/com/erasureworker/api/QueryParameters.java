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
        if (JsonBody.hasControlCharacter(text)) {
            errors.add(new FieldError(name, "must not contain control characters"));
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

    /**
     * A page number whose first row ({@code page × size}) still fits the database's offset: larger pages answer 400
     * instead of overflowing. {@code sizeText} is judged by its own {@link #bounded} call.
     */
    public static int page(String text, String sizeText, int defaultSize, int maxSize, List<FieldError> errors) {
        int size = bounded("size", sizeText, defaultSize, 1, maxSize, new java.util.ArrayList<>());
        return bounded("page", text, 0, 0, Integer.MAX_VALUE / size, errors);
    }

    /** The earliest and latest instants accepted anywhere: what PostgreSQL and people can use (years 1 to 9999). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** An ISO-8601 instant, with an offset or in UTC ({@code Z}), in years 1 to 9999. */
    public static Instant instant(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            instant = Instant.parse(text);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("out of range");
        }
        return instant;
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
