package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The overlap phase: a conversation that another live target already asked Dixa about (two DPO tickets, or a user
 * ticket and a conversation ticket, for the same data) is not asked again; the later target follows the earlier one's
 * request and shares its outcome ({@link ErasureLifecycle#applyStatus} moves followers with their leader).
 */
@ApplicationScoped
class Overlaps {

    /**
     * Live targets whose Dixa request stands: awaiting it or verifying it. A target done long ago is not followed: its
     * request may be gone, and asking again gives the new ticket its own proof.
     */
    private static final List<TargetState> ASKED = List.of(TargetState.AWAITING_DIXA, TargetState.VERIFYING);

    /** Phase 2 of the anonymize step: stops a conversation target that follows an earlier request, else hands over. */
    @Transactional
    Phase followEarlierRequest(Work work, Phase.Next next, StepLog log) {
        Optional<StepResult.Following> earlier = earlierRequestFor(work);
        if (earlier.isEmpty()) {
            return next;
        }
        StepResult.Following following = earlier.get();
        log.event(AuditType.FOLLOWING_EARLIER_REQUEST, "leaderTargetId", following.leader().toString(),
                "dixaRequestId", following.dixaRequestId().toString(), "conversationId", work.conversationId());
        return new Phase.Stop(log.finish(following));
    }

    /** The earlier live request covering this conversation target; else empty. */
    private static Optional<StepResult.Following> earlierRequestFor(Work work) {
        if (work.type() != TargetType.CONVERSATION) {
            return Optional.empty();
        }
        ErasureTarget same = ErasureTarget.find("""
                id <> ?1 and state in ?2 and dixaRequestId is not null and followsTargetId is null
                and ((type = ?3 and conversationId = ?4)
                     or (type = ?5 and id in (select c.targetId from CoveredConversation c where c.conversationId = ?4)))
                order by createdAt""", work.targetId(), ASKED, TargetType.CONVERSATION, work.conversationId(),
                TargetType.USER).firstResult();
        return Optional.ofNullable(same).map(leader -> new StepResult.Following(leader.id, leader.dixaRequestId,
                leader.initiatedAt, leader.acceptedAt));
    }
}
