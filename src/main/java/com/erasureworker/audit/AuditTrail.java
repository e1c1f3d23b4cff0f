package com.erasureworker.audit;

import com.erasureworker.dixa.DixaCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes audit events, inside the caller's transaction so an event and the state change it describes commit
 * together. Each event takes the next sequence and chains its hash to the previous one under the chain head's row
 * lock, held until the transaction commits: writers on every replica line up there, so the chain has no gaps or
 * forks. Details must hold ids, states and counts only: never an e-mail, phone number or message text.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String SYSTEM = "system";

    private final Clock clock;

    AuditTrail(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(AuditType type, String actor, UUID requestId, UUID targetId, Map<String, Object> detail) {
        AuditChainHead head = AuditChainHead.findById(AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        AuditEvent event = new AuditEvent();
        event.sequence = head.lastSequence + 1;
        // Microseconds: what PostgreSQL keeps, so the hash recomputed from the row matches.
        event.occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        event.actor = actor;
        event.requestId = requestId;
        event.targetId = targetId;
        event.type = type.name();
        event.detail = detail == null ? Map.of() : detail;
        event.previousHash = head.lastHash;
        event.hash = CanonicalEvent.hash(event.previousHash, event.sequence, event.occurredAt, actor, requestId, targetId,
                event.type, event.detail);
        event.persist();
        head.lastSequence = event.sequence;
        head.lastHash = event.hash;
        head.updatedAt = event.occurredAt;
        return event;
    }

    /** One DIXA_CALL event per HTTP exchange: method, path template, status (0 = no answer), duration. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordCalls(List<DixaCall> calls, UUID requestId, UUID targetId) {
        for (DixaCall call : calls) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("method", call.endpoint().method());
            detail.put("path", call.endpoint().pathTemplate());
            detail.put("status", call.status());
            detail.put("durationMs", call.duration().toMillis());
            detail.put("startedAt", call.startedAt().toString());
            if (call.failure() != null) {
                detail.put("failure", call.failure());
            }
            record(AuditType.DIXA_CALL, SYSTEM, requestId, targetId, detail);
        }
    }
}
