package com.erasureworker.dixa;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads the date forms Dixa sends (the spec's examples) and writes the one its filters expect.
 *
 * <p>Accepted: ISO instants ({@code 2020-12-16T09:41:43Z}), Java's ZonedDateTime form with a zone-id suffix
 * ({@code 2021-12-01T12:46:36.581Z[GMT]}, {@code …+01:00[Europe/Copenhagen]}), offsets, local date-times without a
 * zone ({@code 2021-12-01T12:46:35.935}, read as UTC because Dixa's examples of that form are UTC), and epoch
 * milliseconds as digits.
 */
public final class DixaDates {

    private static final DateTimeFormatter FILTER_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DixaDates() {
    }

    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        int zoneId = value.indexOf('[');
        if (zoneId > 0 && value.endsWith("]")) {
            String withoutZoneId = value.substring(0, zoneId);
            if (!hasOffset(withoutZoneId)) {
                // "2021-12-01T12:46:36.581[Europe/Copenhagen]": the zone id is the only zone information.
                ZoneId zone = ZoneId.of(value.substring(zoneId + 1, value.length() - 1));
                return LocalDateTime.parse(withoutZoneId, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
            }
            value = withoutZoneId;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        }
    }

    /** The form of Dixa's search filters: {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, UTC. */
    public static String format(Instant instant) {
        return FILTER_FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean hasOffset(String dateTime) {
        int time = dateTime.indexOf('T');
        if (time < 0) {
            return false;
        }
        String clock = dateTime.substring(time);
        return clock.endsWith("Z") || clock.indexOf('+') > 0 || clock.indexOf('-') > 0;
    }
}
