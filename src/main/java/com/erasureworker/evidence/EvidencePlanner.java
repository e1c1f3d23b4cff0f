package com.erasureworker.evidence;

import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import com.erasureworker.sweep.SweepConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a ticket's finished targets into evidence work as they finish: walks the targets in creation order from where
 * it last stopped ({@code evidence_progress}), one bounded batch per call, and queues a read of each erased
 * conversation the {@link EvidencePolicy} samples ({@code evidence_task}). The walk passes DONE and CANCELLED targets
 * and stops at the first still being worked, so the n-th erased conversation is the same whatever order targets finish
 * in; once the ticket completed it passes every target, and then the ticket is fully planned.
 */
@ApplicationScoped
class EvidencePlanner {

    /** Targets looked at per call: one index range read and at most this many inserts. */
    static final int BATCH = 1_000;

    private final Clock clock;
    private final EvidenceConfig config;
    private final SweepConfig sweep;

    EvidencePlanner(Clock clock, EvidenceConfig config, SweepConfig sweep) {
        this.clock = clock;
        this.config = config;
        this.sweep = sweep;
    }

    /** Tickets still being worked whose finished targets may need planning, least recently looked at first. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> open(int limit) {
        return em().createNativeQuery("select r.id from erasure_request r left join evidence_progress p "
                + "on p.request_id = r.id where r.state = 'IN_PROGRESS' order by p.checked_at nulls first, r.id "
                + "limit ?1", UUID.class).setParameter(1, limit).getResultList();
    }

    /**
     * Plans the next batch of the ticket's targets; answers whether the ticket is fully planned (completed and every
     * target passed).
     */
    @Transactional
    boolean planNext(UUID requestId) {
        ErasureRequest request = ErasureRequest.findById(requestId);
        Progress progress = Progress.of(em(), requestId);
        if (progress.plannedAll) {
            return true;
        }
        // A completed ticket's targets no longer change state; until then the walk waits at the first unfinished one.
        boolean completed = request.state == RequestState.COMPLETED;
        EvidencePolicy policy = EvidencePolicy.of(request.source, config.sweepSample(), sweep.pageSize());
        Instant now = Instant.now(clock);
        List<Object[]> targets = targetsAfter(requestId, progress);
        for (Object[] row : targets) {
            TargetState state = TargetState.valueOf((String) row[3]);
            if (!completed && !state.terminal()) {
                break;
            }
            UUID targetId = (UUID) row[0];
            if (state == TargetState.DONE) {
                TargetType type = TargetType.valueOf((String) row[1]);
                for (long conversation : conversations(targetId, type, (Number) row[2])) {
                    if (policy.sampled(progress.conversations++)) {
                        progress.sampled += queue(requestId, conversation, targetId, request.source.name(), now);
                    }
                }
            }
            progress.afterCreatedAt = instant(row[4]);
            progress.afterId = targetId;
        }
        progress.plannedAll = completed && targets.size() < BATCH;
        progress.save(em(), now);
        return progress.plannedAll;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> targetsAfter(UUID requestId, Progress progress) {
        String select = "select id, type, conversation_id, state, created_at from erasure_target where request_id = ?1 ";
        var query = progress.afterId == null
                ? em().createNativeQuery(select + "order by created_at, id limit ?2").setParameter(2, BATCH)
                : em().createNativeQuery(select + "and (created_at, id) > (?3, ?4) order by created_at, id limit ?2")
                        .setParameter(2, BATCH).setParameter(3, progress.afterCreatedAt)
                        .setParameter(4, progress.afterId);
        return query.setParameter(1, requestId).getResultList();
    }

    private static List<Long> conversations(UUID targetId, TargetType type, Number conversationId) {
        if (type == TargetType.USER) {
            return CoveredConversation.of(targetId).stream().map(c -> c.conversationId).toList();
        }
        return conversationId == null ? List.of() : List.of(conversationId.longValue());
    }

    /** 1 when queued, 0 when the ticket already has this conversation (a user's conversation named twice). */
    private static int queue(UUID requestId, long conversation, UUID targetId, String source, Instant now) {
        return em().createNativeQuery("insert into evidence_task (request_id, conversation_id, target_id, priority, "
                + "next_attempt_at) select ?1, ?2, ?3, ?4, ?5 where not exists (select 1 from evidence_conversation "
                + "where request_id = ?1 and conversation_id = ?2) on conflict do nothing")
                .setParameter(1, requestId).setParameter(2, conversation).setParameter(3, targetId)
                .setParameter(4, "DPO".equals(source) ? 0 : 1).setParameter(5, now).executeUpdate();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }

    /** The row of {@code evidence_progress}, created at the first look and locked while a batch is planned. */
    static final class Progress {
        private UUID requestId;
        Instant afterCreatedAt;
        UUID afterId;
        int conversations;
        int sampled;
        boolean plannedAll;

        static Progress of(EntityManager em, UUID requestId) {
            em.createNativeQuery("insert into evidence_progress (request_id) values (?1) on conflict do nothing")
                    .setParameter(1, requestId).executeUpdate();
            Object[] row = (Object[]) em.createNativeQuery("select after_created_at, after_id, conversations, sampled, "
                    + "planned_all from evidence_progress where request_id = ?1 for update")
                    .setParameter(1, requestId).getSingleResult();
            Progress progress = new Progress();
            progress.requestId = requestId;
            progress.afterCreatedAt = instant(row[0]);
            progress.afterId = (UUID) row[1];
            progress.conversations = ((Number) row[2]).intValue();
            progress.sampled = ((Number) row[3]).intValue();
            progress.plannedAll = (Boolean) row[4];
            return progress;
        }

        void save(EntityManager em, Instant now) {
            em.createNativeQuery("update evidence_progress set after_created_at = ?2, after_id = ?3, conversations = ?4, "
                    + "sampled = ?5, planned_all = ?6, checked_at = ?7 where request_id = ?1")
                    .setParameter(1, requestId).setParameter(2, afterCreatedAt).setParameter(3, afterId)
                    .setParameter(4, conversations).setParameter(5, sampled).setParameter(6, plannedAll)
                    .setParameter(7, now).executeUpdate();
        }
    }
}
