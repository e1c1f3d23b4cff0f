package com.erasureworker.console;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console prints times: UTC, to the second, the same on every page. */
@TemplateExtension(namespace = "fmt")
public class ConsoleFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    static String day(Instant instant) {
        return instant == null ? "—" : DAY.format(instant);
    }

    /** Whole days from now until {@code instant}; negative when it has passed. Templates: {fmt:daysLeft(x)}. */
    static long daysLeft(Instant instant) {
        return Math.floorDiv(Duration.between(Instant.now(), instant).toHours(), 24);
    }
}
