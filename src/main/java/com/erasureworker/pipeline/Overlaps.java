package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The overlap phase: a conversation that another live target already asked Dixa about (two DPO tickets, or a user
 * ticket and a conversation ticket, for the same data) is not asked again; the later target follows the earlier one's
 * request and shares its outcome ({@link ErasureLifecycle#applyStatus} moves followers with their leader). The check
 * and the "asking Dixa" mark happen together under a per-conversation advisory transaction lock, so two targets for
 * one conversation claimed at the same instant do not both ask: the second sees the first asking and looks again
 * shortly (no attempt spent), then follows its request.
 */
@ApplicationScoped
class Overlaps {

    /**
     * Live targets whose Dixa request stands: awaiting it or verifying it. A target done long ago is not followed: its
     * request may be gone, and asking again gives the new ticket its own proof.
     */
    private static final List<TargetState> ASKED = List.of(TargetState.AWAITING_DIXA, TargetState.VERIFYING);

    private final EntityManager entityManager;
    private final Clock clock;

    Overlaps(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Phase 2 of the anonymize step: stops a conversation target that follows an earlier request, else hands over. */
    @Transactional
    Phase followEarlierRequest(Work work, Phase.Next next, StepLog log) {
        if (work.type() != TargetType.CONVERSATION) {
            return next;
        }
        // Held until this transaction ends, after the mark below is committed (in its own transaction).
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended('erasure-conversation:' || ?1, 0))")
                .setParameter(1, Long.toString(work.conversationId())).getSingleResult();
        Optional<StepResult.Following> earlier = earlierRequestFor(work);
        if (earlier.isPresent()) {
            StepResult.Following following = earlier.get();
            log.event(AuditType.FOLLOWING_EARLIER_REQUEST, "leaderTargetId", following.leader().toString(),
                    "dixaRequestId", following.dixaRequestId().toString(), "conversationId", work.conversationId());
            return new Phase.Stop(log.finish(following));
        }
        if (anotherIsAsking(work)) {
            return new Phase.Stop(log.finish(new StepResult.Transient("another target is asking Dixa about conversation "
                    + work.conversationId() + " right now; looking again shortly to follow its request", null, false)));
        }
        log.beforeAnonymize();
        return doneBefore(work) ? new Phase.Next(next.open(), true) : next;
    }

    /** Whether another target for this conversation already ended done: its conversation is read before asking. */
    private static boolean doneBefore(Work work) {
        return ErasureTarget.count("""
                id <> ?1 and state = ?2 and ((type = ?3 and conversationId = ?4)
                     or (type = ?5 and id in (select c.targetId from CoveredConversation c where c.conversationId = ?4)))
                """, work.targetId(), TargetState.DONE, TargetType.CONVERSATION, work.conversationId(),
                TargetType.USER) > 0;
    }

    /** The earlier live request covering this conversation target; else empty. */
    private static Optional<StepResult.Following> earlierRequestFor(Work work) {
        ErasureTarget same = ErasureTarget.find("""
                id <> ?1 and state in ?2 and dixaRequestId is not null and followsTargetId is null
                and ((type = ?3 and conversationId = ?4)
                     or (type = ?5 and id in (select c.targetId from CoveredConversation c where c.conversationId = ?4)))
                order by createdAt""", work.targetId(), ASKED, TargetType.CONVERSATION, work.conversationId(),
                TargetType.USER).firstResult();
        return Optional.ofNullable(same).map(leader -> new StepResult.Following(leader.id, leader.dixaRequestId,
                leader.initiatedAt, leader.acceptedAt));
    }

    /**
     * Whether another target for the same conversation is in a step that may be asking Dixa right now (marked, its
     * claim alive), or asked and its answer was lost ({@code unconfirmed_until} ahead).
     */
    private boolean anotherIsAsking(Work work) {
        Instant now = Instant.now(clock);
        return !entityManager.createNativeQuery("""
                select 1 from erasure_target
                where id <> ?1 and type = 'CONVERSATION' and conversation_id = ?2
                  and state in ('PENDING', 'WAITING_FOR_CLOSE') and anonymize_requested_at is not null
                  and ((claim_token is not null and lease_until > ?3) or unconfirmed_until > ?3)
                limit 1""").setParameter(1, work.targetId()).setParameter(2, work.conversationId())
                .setParameter(3, now).getResultList().isEmpty();
    }
}
