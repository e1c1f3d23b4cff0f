package com.erasureworker.intake;

import com.erasureworker.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audit event of a ticket, in the order it was written. */
@Schema(name = "HistoryEntry")
public record HistoryEntry(long sequence, Instant occurredAt, String actor, String type, UUID targetId,
        Map<String, Object> detail) {

    static HistoryEntry of(AuditEvent event) {
        return new HistoryEntry(event.sequence, event.occurredAt, event.actor, event.type, event.targetId,
                event.detail);
    }
}
