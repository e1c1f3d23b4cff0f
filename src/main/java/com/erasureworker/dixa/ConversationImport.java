package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /beta/conversations/import} (GenericConversationImport), used for canaries and demo data.
 * Dates are written as ISO instants. The top-level {@code _type} is sent as in every documented example; an
 * {@code assignment} gives the conversation to an agent (the canary's own), so no agent queue offers it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationImport(
        @JsonProperty("_type") String type,
        String genericChannelName,
        UUID requesterId,
        String direction,
        Instant createdAt,
        List<Message> messages,
        String externalId,
        Closing closing,
        Assignment assignment) {

    public static final String TYPE = "GenericConversationImport";

    /** An unassigned import. */
    public ConversationImport(String genericChannelName, UUID requesterId, String direction, Instant createdAt,
            List<Message> messages, String externalId, Closing closing) {
        this(TYPE, genericChannelName, requesterId, direction, createdAt, messages, externalId, closing, null);
    }

    /** {@code _type} InboundImport (from the requester) or OutboundImport (with agentId), as in the beta examples. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(@JsonProperty("_type") String type, Content content, Instant createdAt, UUID agentId) {

        public static Message inbound(String text, Instant createdAt) {
            return new Message("InboundImport", Content.text(text), createdAt, null);
        }

        public static Message outbound(String text, Instant createdAt, UUID agentId) {
            return new Message("OutboundImport", Content.text(text), createdAt, agentId);
        }
    }

    /** Dixa's Content: {@code {"_type": "Text", "value": ...}} (or Html); a plain string is refused. */
    public record Content(@JsonProperty("_type") String type, String value) {

        public static Content text(String value) {
            return new Content("Text", value);
        }
    }

    public record Closing(Instant closedAt, UUID closedBy) {
    }

    public record Assignment(UUID agentId, Instant assignedAt) {
    }

    /** Dixa's 201: the id, and {@code partialErrors} for what it did not import (e.g. a message, the assignment). */
    public record Result(long id, List<PartialError> partialErrors) {

        public List<PartialError> partialErrors() {
            return partialErrors == null ? List.of() : partialErrors;
        }
    }

    public record PartialError(String message) {
    }
}
