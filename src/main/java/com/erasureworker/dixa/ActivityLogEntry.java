package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a conversation's activity log, as evidence: type, time and ids only. The author's name, e-mail and
 * phone and the entry's attributes (which can quote notes) are not mapped.
 */
public record ActivityLogEntry(
        UUID id,
        long conversationId,
        Instant activityTimestamp,
        @JsonProperty("_type") String type,
        Author author) {

    public record Author(UUID id) {
    }
}
