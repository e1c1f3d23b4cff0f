package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Saves what a step did, in one transaction: the Dixa calls made, the facts learned, the target's next state or its
 * retry schedule, and, when the last target of a ticket ends, the ticket's end. Every target state change in the
 * pipeline goes through {@link #apply} or {@link StatusPoller}'s use of {@link #observe}, so the lifecycle reads here.
 */
@ApplicationScoped
class ErasureLifecycle {

    private final AuditTrail audit;
    private final WorkerConfig config;
    private final Clock clock;
    private final TicketCompletion completion;
    private final StatusObservations observations;

    ErasureLifecycle(AuditTrail audit, WorkerConfig config, Clock clock, TicketCompletion completion,
            StatusObservations observations) {
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.completion = completion;
        this.observations = observations;
    }

    @Transactional
    Optional<Work> load(UUID targetId) {
        ErasureTarget target = ErasureTarget.findById(targetId);
        return target == null ? Optional.empty() : Optional.of(Work.of(target, ErasureRequest.findById(target.requestId)));
    }

    /** Marks, before the first anonymize call goes out, that the ticket can no longer be cancelled. */
    @Transactional
    boolean markAnonymizeRequested(Work work) {
        ErasureTarget target = ErasureTarget.findById(work.targetId(), LockModeType.PESSIMISTIC_WRITE);
        if (target == null || target.state.terminal() || !work.leaseOwner().equals(target.leaseOwner)) {
            return false;
        }
        if (target.anonymizeRequestedAt == null) {
            target.anonymizeRequestedAt = Instant.now(clock);
        }
        return true;
    }

    /** Saves a step's outcome, if this replica still holds the target's lease (the calls are recorded regardless). */
    @Transactional
    void apply(Work work, StepOutcome outcome) {
        ErasureRequest request = ErasureRequest.findById(work.requestId(), LockModeType.PESSIMISTIC_WRITE);
        ErasureTarget target = ErasureTarget.findById(work.targetId(), LockModeType.PESSIMISTIC_WRITE);
        audit.recordCalls(outcome.calls, work.requestId(), work.targetId());
        if (!work.leaseOwner().equals(target.leaseOwner) || target.state.terminal()) {
            return;
        }
        Instant now = Instant.now(clock);
        for (StepOutcome.Event event : outcome.events) {
            audit.record(event.type(), AuditTrail.SYSTEM, work.requestId(), work.targetId(), event.detail());
        }
        learn(target, outcome, now);
        if (outcome.failure != null) {
            failOrRetry(target, outcome.failure, now);
        } else {
            target.attempts = 0;
            target.lastError = null;
            moveTo(target, outcome.next, outcome.nextAttemptAt == null ? now : outcome.nextAttemptAt, now);
        }
        target.leaseOwner = null;
        target.leaseUntil = null;
        target.updatedAt = now;
        if (target.state.terminal()) {
            completion.completeIfDone(request, now);
        }
    }

    /** A step that crashed (a bug, or the database went away mid-step): counted as an attempt, retried later. */
    @Transactional
    void crashed(UUID targetId, String owner, Exception error) {
        ErasureTarget target = ErasureTarget.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
        if (target == null || !owner.equals(target.leaseOwner) || target.state.terminal()) {
            return;
        }
        Instant now = Instant.now(clock);
        failOrRetry(target, new StepOutcome.Failure(false, "worker error: " + error.getClass().getSimpleName(), null,
                true), now);
        target.leaseOwner = null;
        target.leaseUntil = null;
        if (target.state.terminal()) {
            completion.completeIfDone(ErasureRequest.findById(target.requestId, LockModeType.PESSIMISTIC_WRITE), now);
        }
    }

    private void learn(ErasureTarget target, StepOutcome outcome, Instant now) {
        if (outcome.accepted != null) {
            target.dixaRequestId = outcome.accepted.id();
            target.initiatedAt = outcome.accepted.initiatedAt();
            target.acceptedAt = now;
            if (outcome.accepted.isProcessed()) {
                // Dixa's 202 can already carry processedAt (a quiet queue): that is the confirmation, no read needed.
                target.processedAt = outcome.accepted.processedAt();
                target.processedSeenAt = now;
            }
            observations.observe(target, outcome.accepted, now);
        }
        if (outcome.covered != null) {
            for (Conversation conversation : outcome.covered) {
                CoveredConversation covered = CoveredConversation.findById(
                        new CoveredConversation.Key(target.id, conversation.id()));
                if (covered == null) {
                    covered = new CoveredConversation();
                    covered.targetId = target.id;
                    covered.conversationId = conversation.id();
                    covered.persist();
                }
                covered.stateSeen = conversation.state();
            }
        }
        target.waitingReason = outcome.waitingReason;
        if (outcome.graceUntil != null) {
            target.graceUntil = outcome.graceUntil;
        }
        if (outcome.notePostedAt != null) {
            target.notePostedAt = outcome.notePostedAt;
        }
        if (outcome.forceClosedAt != null) {
            target.forceClosedAt = outcome.forceClosedAt;
        }
        if (outcome.verification != null) {
            target.verification = outcome.verification;
            target.verifiedAt = now;
        }
    }

    void failOrRetry(ErasureTarget target, StepOutcome.Failure failure, Instant now) {
        target.lastError = failure.message();
        if (failure.countsAsAttempt()) {
            target.attempts++;
        }
        if (failure.permanent() || target.attempts >= config.maxAttempts()) {
            String why = failure.permanent() ? failure.message()
                    : failure.message() + " (gave up after " + target.attempts + " attempts)";
            target.lastError = why;
            target.failedStep = target.state;
            moveTo(target, TargetState.FAILED, now, now);
            return;
        }
        target.nextAttemptAt = now.plus(backoff(target.attempts, failure.retryAfter()));
    }

    void moveTo(ErasureTarget target, TargetState next, Instant nextAttemptAt, Instant now) {
        if (next != null && next != target.state) {
            audit.record(AuditType.TARGET_STATE_CHANGED, AuditTrail.SYSTEM, target.requestId, target.id,
                    java.util.Map.of("from", target.state.name(), "to", next.name()));
            target.state = next;
        }
        target.nextAttemptAt = nextAttemptAt;
        target.updatedAt = now;
    }

    /** Exponential backoff with jitter (half to full delay), never shorter than Dixa's Retry-After. */
    private Duration backoff(int attempts, Duration retryAfter) {
        long initial = config.backoffInitial().toMillis();
        long capped = Math.min(config.backoffMax().toMillis(), initial << Math.min(attempts - 1, 20));
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }
}
