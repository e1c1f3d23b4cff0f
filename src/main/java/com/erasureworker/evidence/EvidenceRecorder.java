package com.erasureworker.evidence;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.Backoff;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.sweep.SweepConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The database side of evidence capture: which conversations are due to be read, saving what was read (a batch of
 * conversations at a time, the rows first and the audit appends last, so the chain-head lock covers the appends and
 * the commit only), a failed read's next attempt or, after the last, its UNAVAILABLE row, and completing a ticket's
 * capture once every conversation is settled.
 */
@ApplicationScoped
class EvidenceRecorder {

    private final AuditTrail audit;
    private final Clock clock;
    private final EvidenceConfig config;
    private final SweepConfig sweep;

    EvidenceRecorder(AuditTrail audit, Clock clock, EvidenceConfig config, SweepConfig sweep) {
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.sweep = sweep;
    }

    /**
     * Completed tickets whose capture is not complete yet: DPO tickets first, then oldest completion first. Read from a
     * partial index holding only those tickets (V15), so the cost of asking does not grow with the completed history.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> due(int limit) {
        return em().createNativeQuery("select r.id from erasure_request r "
                + "where r.state = 'COMPLETED' and not r.evidence_captured "
                + "order by case when r.source = 'DPO' then 0 else 1 end, r.completed_at, r.id limit ?1", UUID.class)
                .setParameter(1, limit).getResultList();
    }

    /** Conversations due to be read now: DPO tickets' first, then the longest waiting (index evidence_task_due_idx). */
    @Transactional
    @SuppressWarnings("unchecked")
    List<ConversationLog.Wanted> dueConversations(int limit) {
        List<Object[]> rows = em().createNativeQuery("select request_id, conversation_id, target_id, attempts "
                + "from evidence_task where next_attempt_at <= ?1 order by priority, next_attempt_at limit ?2")
                .setParameter(1, Instant.now(clock)).setParameter(2, limit).getResultList();
        return rows.stream().map(row -> new ConversationLog.Wanted((UUID) row[0], ((Number) row[1]).longValue(),
                (UUID) row[2], ((Number) row[3]).intValue())).toList();
    }

    /** Saves the logs read (and the UNAVAILABLE ones) and their Dixa calls, and drops their work rows. */
    @Transactional
    void save(List<EvidenceRows.Logged> logs) {
        if (logs.isEmpty()) {
            return;
        }
        em().unwrap(org.hibernate.Session.class).doWork(connection -> EvidenceRows.insert(connection, logs));
        for (EvidenceRows.Logged logged : logs) {
            em().createNativeQuery("delete from evidence_task where request_id = ?1 and conversation_id = ?2")
                    .setParameter(1, logged.requestId()).setParameter(2, logged.log().conversationId())
                    .executeUpdate();
        }
        recordCalls(logs);
    }

    /**
     * A read that failed: tried again after a backoff (EVIDENCE_RETRY_BACKOFF, doubling), or, when that was the last
     * of EVIDENCE_MAX_ATTEMPTS, saved as UNAVAILABLE with the failure's kind, so it never holds the certificate back.
     */
    @Transactional
    void failed(ConversationLog.Wanted wanted, String kind, List<com.erasureworker.dixa.DixaCall> calls) {
        int attempts = wanted.attempts() + 1;
        if (attempts >= config.maxAttempts()) {
            save(List.of(new EvidenceRows.Logged(wanted.requestId(), new ConversationLog(wanted.conversationId(),
                    wanted.targetId(), ConversationLog.UNAVAILABLE, kind + " after " + attempts + " attempts",
                    List.of(), calls))));
            return;
        }
        Duration backoff = new Backoff(config.retryBackoff(), MAX_BACKOFF).delay(attempts, null);
        em().createNativeQuery("update evidence_task set attempts = ?3, next_attempt_at = ?4 where request_id = ?1 "
                + "and conversation_id = ?2").setParameter(1, wanted.requestId())
                .setParameter(2, wanted.conversationId()).setParameter(3, attempts)
                .setParameter(4, Instant.now(clock).plus(backoff))
                .executeUpdate();
        recordCalls(List.of(new EvidenceRows.Logged(wanted.requestId(), new ConversationLog(wanted.conversationId(),
                wanted.targetId(), kind, null, List.of(), calls))));
    }

    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** A read put off by rate limiting (Dixa's 429 or no local budget in time): its calls audited, nothing counted. */
    @Transactional
    void laterWithCalls(ConversationLog.Wanted wanted, List<com.erasureworker.dixa.DixaCall> calls) {
        recordCalls(List.of(new EvidenceRows.Logged(wanted.requestId(), new ConversationLog(wanted.conversationId(),
                wanted.targetId(), "RATE_LIMITED", null, List.of(), calls))));
    }

    /**
     * Completes the ticket's capture once it is fully planned and none of its conversations is still to be read:
     * writes evidence_capture with the totals and the policy followed, and EVIDENCE_CAPTURED. False otherwise, or when
     * it was already complete.
     */
    @Transactional
    boolean complete(UUID requestId) {
        Object[] progress = (Object[]) em().createNativeQuery("select planned_all, conversations, sampled "
                + "from evidence_progress where request_id = ?1").setParameter(1, requestId).getResultStream()
                .findFirst().orElse(null);
        if (progress == null || !(Boolean) progress[0] || CapturedEvidence.findById(requestId) != null
                || ((Number) em().createNativeQuery("select count(*) from (select 1 from evidence_task "
                        + "where request_id = ?1 limit 1) t").setParameter(1, requestId).getSingleResult())
                        .intValue() > 0) {
            return false;
        }
        Object[] totals = (Object[]) em().createNativeQuery("select count(*), coalesce(sum(entries), 0), "
                + "count(*) filter (where outcome <> 'CAPTURED') from evidence_conversation where request_id = ?1")
                .setParameter(1, requestId).getSingleResult();
        ErasureRequest request = ErasureRequest.findById(requestId);
        EvidencePolicy policy = EvidencePolicy.of(request.source, config.sweepSample(), sweep.pageSize());
        CapturedEvidence captured = new CapturedEvidence();
        captured.requestId = requestId;
        captured.capturedAt = Instant.now(clock);
        captured.conversations = ((Number) totals[0]).intValue();
        captured.entries = ((Number) totals[1]).intValue();
        captured.policy = policy.describe(((Number) progress[2]).intValue(), ((Number) progress[1]).intValue());
        captured.persist();
        em().createNativeQuery("update erasure_request set evidence_captured = true where id = ?1")
                .setParameter(1, requestId).executeUpdate();
        audit.record(AuditType.EVIDENCE_CAPTURED, AuditTrail.SYSTEM, requestId, null, Map.of(
                "conversations", captured.conversations, "entries", captured.entries,
                "unavailable", ((Number) totals[2]).longValue()));
        return true;
    }

    private void recordCalls(List<EvidenceRows.Logged> logs) {
        for (EvidenceRows.Logged logged : logs) {
            audit.recordCalls(logged.log().calls(), logged.requestId(), logged.log().targetId());
        }
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
