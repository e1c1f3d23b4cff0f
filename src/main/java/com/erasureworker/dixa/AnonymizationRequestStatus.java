package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Dixa's record of one anonymization request. There is no status enum: {@code processedAt} appearing is the only
 * completion signal. {@code targetEntityId} is the csid, {@code "<csid>_<messageId>"} or the user id.
 */
public record AnonymizationRequestStatus(
        UUID id,
        @JsonProperty("_type") String type,
        Instant initiatedAt,
        String targetEntityId,
        UUID requestedBy,
        Instant processedAt) {

    public boolean isProcessed() {
        return processedAt != null;
    }

    /**
     * Dixa's answer to an anonymize call, read leniently: only {@code id} is needed to follow the request, so a field
     * in an unexpected form is left out instead of losing the answer (which would leave a possibly accepted request
     * unknown). Empty when the answer names no request id.
     */
    static Optional<AnonymizationRequestStatus> leniently(JsonNode data) {
        if (data == null || !data.isObject()) {
            return Optional.empty();
        }
        UUID id = uuid(data.get("id"));
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new AnonymizationRequestStatus(id, text(data.get("_type")), instant(data.get("initiatedAt")),
                text(data.get("targetEntityId")), uuid(data.get("requestedBy")), instant(data.get("processedAt"))));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    private static UUID uuid(JsonNode node) {
        String text = text(node);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private static Instant instant(JsonNode node) {
        if (node != null && node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        String text = text(node);
        try {
            return text == null ? null : DixaDates.parse(text);
        } catch (DateTimeException unreadable) {
            return null;
        }
    }
}
