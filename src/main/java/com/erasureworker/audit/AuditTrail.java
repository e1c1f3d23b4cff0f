package com.erasureworker.audit;

import com.erasureworker.dixa.DixaCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes audit events, inside the caller's transaction so an event and the state change it describes commit
 * together. Each event takes the next sequence and chains its hash to the previous one under the chain head's row
 * lock, held until the transaction commits: writers on every replica line up there, so the chain has no gaps or
 * forks. Details must hold ids, states and counts only: never an e-mail, phone number or message text.
 *
 * <p>A busy writer wraps its transaction's work in {@link #appendingLast}: its events are then held back and appended
 * together at the end, after its other writes are flushed, so the chain-head lock covers only the append and the
 * commit instead of the whole transaction (every step of every replica waits for that lock).
 */
@ApplicationScoped
public class AuditTrail {

    public static final String SYSTEM = "system";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Clock clock;
    private final EntityManager entityManager;
    private final ThreadLocal<List<Pending>> heldBack = new ThreadLocal<>();

    AuditTrail(Clock clock, EntityManager entityManager) {
        this.clock = clock;
        this.entityManager = entityManager;
    }

    private record Pending(AuditType type, String actor, UUID requestId, UUID targetId, Map<String, Object> detail) {
    }

    /**
     * Runs {@code work} in the caller's transaction with its events held back, then flushes the transaction's other
     * writes and appends the events in the order they were recorded: the head is locked last. Events of work that
     * throws are dropped with its transaction. Nested calls join the outer one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T appendingLast(Supplier<T> work) {
        if (heldBack.get() != null) {
            return work.get();
        }
        List<Pending> pending = new ArrayList<>();
        heldBack.set(pending);
        T result;
        try {
            result = work.get();
        } finally {
            heldBack.remove();
        }
        if (!pending.isEmpty()) {
            entityManager.flush();
            for (Pending event : pending) {
                append(event.type(), event.actor(), event.requestId(), event.targetId(), event.detail());
            }
        }
        return result;
    }

    /**
     * Records an event in the caller's transaction; inside {@link #appendingLast} it is appended at the end of that
     * work and this returns null.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(AuditType type, String actor, UUID requestId, UUID targetId, Map<String, Object> detail) {
        List<Pending> pending = heldBack.get();
        if (pending != null) {
            pending.add(new Pending(type, actor, requestId, targetId, detail == null ? Map.of() : detail));
            return null;
        }
        return append(type, actor, requestId, targetId, detail);
    }

    private AuditEvent append(AuditType type, String actor, UUID requestId, UUID targetId, Map<String, Object> detail) {
        // The head's row lock, held until commit, through the owner's function: the runtime role may only read it.
        Object[] head = (Object[]) entityManager.createNativeQuery("select last_sequence, last_hash from audit_chain_lock()")
                .getSingleResult();
        AuditEvent event = new AuditEvent();
        event.sequence = ((Number) head[0]).longValue() + 1;
        // Microseconds: what PostgreSQL keeps, so the hash recomputed from the row matches.
        event.occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        event.actor = actor;
        event.requestId = requestId;
        event.targetId = targetId;
        event.type = type.name();
        event.detail = detail == null ? Map.of() : detail;
        event.previousHash = (String) head[1];
        event.hashForm = CanonicalEvent.CURRENT;
        event.hash = CanonicalEvent.hash(event.hashForm, event.previousHash, event.sequence, event.occurredAt, actor,
                requestId, targetId, event.type, event.detail);
        // The database checks the sequence and the link, inserts the event and moves the head (V32).
        entityManager.createNativeQuery("select audit_append_event(cast(?1 as bigint), cast(?2 as timestamptz), "
                + "cast(?3 as varchar), cast(?4 as uuid), cast(?5 as uuid), cast(?6 as varchar), cast(?7 as jsonb), "
                + "cast(?8 as varchar), cast(?9 as varchar), cast(?10 as smallint))")
                .setParameter(1, event.sequence).setParameter(2, event.occurredAt).setParameter(3, actor)
                .setParameter(4, text(requestId)).setParameter(5, text(targetId)).setParameter(6, event.type)
                .setParameter(7, json(event.detail)).setParameter(8, event.previousHash).setParameter(9, event.hash)
                .setParameter(10, (int) event.hashForm).getSingleResult();
        return event;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail must be plain JSON values", e);
        }
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
