package com.erasureworker.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The two date forms Dixa writes (the spec's examples: {@code …Z} and {@code …Z[GMT]}) and lenient parsing of input. */
final class SimDates {
    /** Anonymization, message, note and activity-log timestamps: {@code 2021-12-01T12:46:36.581Z[GMT]}. */
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z[GMT]'")
            .withZone(ZoneOffset.UTC);
    /** Conversation and end-user timestamps: {@code 2020-12-16T09:41:43Z}. */
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private SimDates() {
    }

    static String zoned(Instant at) {
        return at == null ? null : ZONED.format(at);
    }

    static String plain(Instant at) {
        return at == null ? null : PLAIN.format(at);
    }

    /** Accepts {@code …Z[GMT]}, {@code …Z} and offsets; throws a 400 with Dixa's wording otherwise. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String iso = text.replaceFirst("\\[[^]]*]$", "");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw DixaError.badRequest("Invalid date format");
        }
    }
}
