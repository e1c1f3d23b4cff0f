package com.erasureworker.intake;

import com.erasureworker.erasure.ClosePolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request body as documented in the OpenAPI. Only documentation: the body is read by {@link SubmissionReader},
 * which is stricter than data binding (unknown fields and wrong JSON types are refused, not ignored or coerced).
 */
@Schema(name = "ErasureSubmission", additionalProperties = Schema.False.class)
record SubmissionDocument(
        @Schema(required = true, minLength = 1, maxLength = 128, pattern = "^[A-Za-z0-9._:/#-]+$",
                description = "the DPO's ticket id; also the idempotency key") String ticketRef,
        @Schema(required = true) SubjectDocument subject,
        @Schema(defaultValue = "WAIT_THEN_FORCE") ClosePolicy closePolicy,
        @Schema(maxLength = 1000, description = "stored with e-mail addresses and phone numbers removed") String reason,
        @Schema(description = "default: received + 1 month; not in the past, at most received + 3 months")
        Instant dueAt) {

    @Schema(name = "ErasureSubmissionSubject", description = "exactly one of the fields",
            additionalProperties = Schema.False.class)
    record SubjectDocument(
            UUID endUserId,
            @Schema(description = "resolved to Dixa end users during the request; never stored") String email,
            @Schema(description = "resolved to Dixa end users during the request; never stored") String phone,
            @Schema(minItems = 1, maxItems = 1000, description = "positive; duplicates removed") List<Long> conversationIds,
            @Schema(minItems = 1, maxItems = 1000) List<MessageDocument> messages) {
    }

    @Schema(name = "ErasureSubmissionMessage", additionalProperties = Schema.False.class)
    record MessageDocument(@Schema(required = true) long conversationId, @Schema(required = true) UUID messageId) {
    }
}
