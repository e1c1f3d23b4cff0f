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

    /**
     * The spec types {@code author.id} as a plain string: system and automation entries need not carry a uuid, so it
     * is read as text (a uuid for people, anything else for the rest) instead of making the whole log unreadable.
     */
    public record Author(String id) {
    }
}
