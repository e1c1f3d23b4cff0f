package com.erasureworker.intake;

import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One Dixa entity of a ticket and how far its erasure got. */
@Schema(name = "ErasureTarget")
public record TargetView(
        UUID id,
        TargetType type,
        @Schema(description = "the entity as Dixa names it: user uuid, conversation id, or <conversationId>_<messageId>")
        String dixaId,
        TargetState state,
        UUID dixaRequestId,
        Instant initiatedAt,
        Instant processedAt,
        String verification,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        String waitingReason,
        Instant graceUntil,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "ON_HOLD targets: the legal hold that keeps them") UUID holdId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "USER targets: the user's conversations as Dixa listed them before anonymizing")
        List<Long> coveredConversationIds) {
}
