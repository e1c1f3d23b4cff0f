package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
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
}
