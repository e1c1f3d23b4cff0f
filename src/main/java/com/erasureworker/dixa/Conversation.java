package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A Dixa conversation, any variant ({@code _type} ChatConversation, EmailConversation, AnonymizedConversation, ...).
 *
 * <p>Only the fields the worker needs are read; the personal ones (e-mail addresses, browser info, subject) are
 * deliberately not mapped, so they are dropped while parsing and never held by the worker.
 */
public record Conversation(
        long id,
        @JsonProperty("_type") String type,
        UUID requesterId,
        String channel,
        String direction,
        String state,
        Instant createdAt,
        Instant stateUpdatedAt,
        Instant anonymizedAt) {

    public static final String CLOSED = "Closed";

    public boolean isClosed() {
        return CLOSED.equals(state);
    }

    public boolean isAnonymized() {
        return anonymizedAt != null || "AnonymizedConversation".equals(type);
    }
}
