package com.erasureworker.erasure;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One Dixa entity to erase for a ticket, with its progress, Dixa's request, retry bookkeeping and lease. Fields are
 * public for reading (Panache, views); everything but its identity is written only by {@code pipeline.ErasureLifecycle}
 * and {@code pipeline.TransitionEffects} (after the factories below write a new row), which
 * {@code LifecycleArchitectureTest} enforces.
 */
@Entity
@Table(name = "erasure_target")
public class ErasureTarget extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID requestId;
    @Enumerated(EnumType.STRING)
    public TargetType type;
    /** The entity as Dixa names it: user uuid, csid, or {@code <csid>_<messageUuid>}. */
    public String dixaId;
    public Long conversationId;
    public UUID messageId;
    public UUID endUserId;
    @Enumerated(EnumType.STRING)
    public TargetState state;
    /** 0 for DPO tickets, which always go first; 1 for retention sweeps. */
    public int priority;
    public UUID dixaRequestId;
    public Instant initiatedAt;
    /** When the worker received Dixa's 202 (worker clock): polling intervals grow from here. */
    public Instant acceptedAt;
    public Instant processedAt;
    public Instant processedSeenAt;
    public Instant verifiedAt;
    public String verification;
    public Instant notePostedAt;
    public Instant graceUntil;
    public Instant forceClosedAt;
    /** A bounded summary; the open conversations themselves are rows ({@link CoveredConversation}). */
    public String waitingReason;
    /** Set before the first anonymize call is made; a ticket can be cancelled only while no target has it. */
    public Instant anonymizeRequestedAt;
    /**
     * Until when the step only reads before asking Dixa again: an earlier anonymize call may have been accepted
     * although its answer was lost, or Dixa answered 409 for a closed conversation it has likely queued. Null when
     * Dixa's answer is known.
     */
    public Instant unconfirmedUntil;
    /** The state a FAILED target failed in: a retry resumes there. */
    @Enumerated(EnumType.STRING)
    public TargetState failedStep;
    public int attempts;
    public String lastError;
    public Instant nextAttemptAt;
    /** The replica holding the lease, for people; fencing uses {@link #claimToken}. */
    public String leaseOwner;
    /** The current claim's own token: a save carrying another token is stale and discarded. */
    public java.util.UUID claimToken;
    /** The live target (of this or another ticket) whose Dixa request this one follows instead of asking again. */
    public java.util.UUID followsTargetId;
    public Instant leaseUntil;
    /** The legal hold that keeps an ON_HOLD target (null in every other state). */
    public java.util.UUID holdId;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    public static ErasureTarget create(UUID requestId, TargetType type, String dixaId, int priority, Instant now) {
        ErasureTarget target = new ErasureTarget();
        target.id = UUID.randomUUID();
        target.requestId = requestId;
        target.type = type;
        target.dixaId = dixaId;
        target.state = TargetState.PENDING;
        target.priority = priority;
        target.nextAttemptAt = now;
        target.createdAt = now;
        target.updatedAt = now;
        return target;
    }

    public static ErasureTarget conversation(UUID requestId, long conversationId, int priority, Instant now) {
        ErasureTarget target = create(requestId, TargetType.CONVERSATION, Long.toString(conversationId), priority, now);
        target.conversationId = conversationId;
        return target;
    }

    public static ErasureTarget message(UUID requestId, long conversationId, UUID messageId, int priority, Instant now) {
        ErasureTarget target = create(requestId, TargetType.MESSAGE, conversationId + "_" + messageId, priority, now);
        target.conversationId = conversationId;
        target.messageId = messageId;
        return target;
    }

    public static ErasureTarget endUser(UUID requestId, UUID endUserId, int priority, Instant now) {
        ErasureTarget target = create(requestId, TargetType.USER, endUserId.toString(), priority, now);
        target.endUserId = endUserId;
        return target;
    }
}
