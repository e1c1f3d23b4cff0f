package com.erasureworker.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audit event as an auditor reads it: the chained fields plus the ticket's reference, for filtering by eye. */
@Schema(name = "AuditEvent")
public record AuditEventRow(long sequence, Instant occurredAt, String actor, UUID requestId, String ticketRef,
        UUID targetId, String type, JsonNode detail, String hash) {
}
