package com.erasureworker.controls;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A legal hold as the API shows it: the subject only as Dixa ids or its keyed hash. */
@Schema(name = "LegalHold")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegalHoldView(
        UUID id,
        @Schema(description = "END_USER, EMAIL, PHONE or CONVERSATIONS") String subjectType,
        UUID endUserId,
        @Schema(description = "HMAC-SHA256 of the normalised e-mail or phone") String subjectHash,
        @Schema(description = "at most the first 1000 conversation ids") List<Long> conversationIds,
        String reason,
        Instant endsAt,
        @Schema(description = "not released and the end date (if any) not passed") boolean active,
        String createdBy,
        Instant createdAt,
        String releasedBy,
        Instant releasedAt,
        String releaseReason,
        @Schema(description = "targets kept ON_HOLD by this hold now") long targetsOnHold) {
}
