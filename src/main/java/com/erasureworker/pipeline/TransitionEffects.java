package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.erasure.Backoff;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.TicketEvents;
import com.erasureworker.webhook.WebhookEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Carries out a transition of {@link TargetTransitions} on a locked target row, for {@link ErasureLifecycle}: sets the
 * state and then each {@link TargetTransitions.Effect} in the table's order. The one place a target's columns change
 * on a transition; an effect the table does not name does not happen.
 */
@ApplicationScoped
class TransitionEffects {

    private final StatusObservations observations;
    private final WorkerConfig config;
    private final Backoff backoff;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TicketEvents events;
    private final TicketLifecycle tickets;
    private final EntityManager entityManager;

    TransitionEffects(StatusObservations observations, WorkerConfig config, AuditTrail audit, Outbox outbox,
            TicketEvents events, TicketLifecycle tickets, EntityManager entityManager) {
        this.observations = observations;
        this.config = config;
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
        this.tickets = tickets;
        this.entityManager = entityManager;
    }

    void apply(ErasureRequest request, ErasureTarget target, TargetTransitions.Transition transition,
            StepResult result, StepOutcome.CloseProgress progress, Instant now) {
        TargetState from = target.state;
        target.state = transition.to();
        target.updatedAt = now;
        AnonymizationRequestStatus status = ErasureLifecycle.statusOf(result);
        for (TargetTransitions.Effect effect : transition.effects()) {
            switch (effect) {
                case RECORD_CLOSE_PROGRESS -> recordProgress(target, progress);
                case RECORD_REQUEST -> {
                    target.dixaRequestId = status.id();
                    target.initiatedAt = status.initiatedAt();
                    target.acceptedAt = now;
                    observe(target, status, now);
                }
                case OBSERVE_STATUS -> observe(target, status, now);
                case FOLLOW -> follow(target, (StepResult.Following) result);
                case COUNT_ATTEMPT -> target.attempts++;
                case RESET_ATTEMPTS -> {
                    target.attempts = 0;
                    target.lastError = null;
                }
                case RECORD_FAILURE -> recordFailure(target, from, transition.to(), result);
                case RECORD_VERIFICATION -> {
                    target.verification = ((StepResult.Verified) result).verification();
                    target.verifiedAt = now;
                }
                case FORGET_REQUEST -> {
                    // A stuck request is given up on: the retry asks Dixa again, and the timeout runs from the new 202.
                    // Not blindly: Dixa may have processed the old one since, so the step reads first (an unconfirmed
                    // request whose wait is over: anonymized → verified, else asked at once).
                    target.dixaRequestId = null;
                    target.initiatedAt = null;
                    target.acceptedAt = null;
                    target.followsTargetId = null;
                    target.unconfirmedUntil = now;
                }
                case RECORD_HOLD -> target.holdId = ((StepResult.OnHold) result).holdId();
                case CLEAR_HOLD -> target.holdId = null;
                case RECORD_WAITING -> target.waitingReason = ((StepResult.WaitingForClose) result).reason();
                case CLEAR_WAITING -> target.waitingReason = null;
                case CLEAR_FAILED_STEP -> target.failedStep = null;
                case RECORD_UNCONFIRMED -> {
                    Instant until = ((StepResult.Unconfirmed) result).until();
                    target.unconfirmedUntil = until != null ? until : target.unconfirmedUntil;
                }
                case CLEAR_UNCONFIRMED -> target.unconfirmedUntil = null;
                case SCHEDULE -> target.nextAttemptAt = scheduled(result, now);
                case BACKOFF -> target.nextAttemptAt = now.plus(backoff.delay(target.attempts,
                        result instanceof StepResult.Transient t ? t.retryAfter() : null));
                case AUDIT_STATE_CHANGE -> audit.record(AuditType.TARGET_STATE_CHANGED, AuditTrail.SYSTEM,
                        target.requestId, target.id, Map.of("from", from.name(), "to", transition.to().name()));
                case PUBLISH_WAITING -> outbox.publishOnce(WebhookEventType.TARGET_WAITING_FOR_CLOSE, request.source,
                        "target.waiting_for_close:" + target.id, events.waiting(request, target));
                case END_TICKET_IF_DONE -> endTicketIfDone(request);
            }
        }
    }

    /** The ticket's row must be locked to end it; a save that did not expect to end its target locks it late. */
    private void endTicketIfDone(ErasureRequest request) {
        if (entityManager.getLockMode(request) != LockModeType.PESSIMISTIC_WRITE) {
            entityManager.refresh(request, LockModeType.PESSIMISTIC_WRITE);
        }
        tickets.targetEnded(request);
    }

    private static void recordProgress(ErasureTarget target, StepOutcome.CloseProgress progress) {
        if (progress.graceUntil() != null) {
            target.graceUntil = progress.graceUntil();
        }
        if (progress.notePostedAt() != null && target.notePostedAt == null) {
            target.notePostedAt = progress.notePostedAt();
        }
        if (progress.forceClosedAt() != null) {
            target.forceClosedAt = progress.forceClosedAt();
        }
    }

    private Instant scheduled(StepResult result, Instant now) {
        if (result instanceof StepResult.Requested || result instanceof StepResult.Following) {
            return now.plus(config.poll().minInterval());
        }
        if (result instanceof StepResult.StillQueued queued) {
            return queued.nextReadAt();
        }
        if (result instanceof StepResult.Unconfirmed unconfirmed && unconfirmed.lookAgainAt() != null) {
            return unconfirmed.lookAgainAt();
        }
        if (result instanceof StepResult.OnHold held) {
            return held.recheckAt();
        }
        return result instanceof StepResult.WaitingForClose waiting ? waiting.recheckAt() : now;
    }

    private void observe(ErasureTarget target, AnonymizationRequestStatus status, Instant now) {
        observations.observe(target, status, now);
        if (status.isProcessed() && target.processedAt == null) {
            // Dixa's 202 can already carry processedAt (a quiet queue): that is the confirmation, no read needed.
            target.processedAt = status.processedAt();
            target.processedSeenAt = now;
        }
    }

    private static void follow(ErasureTarget target, StepResult.Following following) {
        target.followsTargetId = following.leader();
        target.dixaRequestId = following.dixaRequestId();
        target.initiatedAt = following.initiatedAt();
        target.acceptedAt = following.acceptedAt();
    }

    private static void recordFailure(ErasureTarget target, TargetState from, TargetState to, StepResult result) {
        String reason = reason(result);
        if (to == TargetState.FAILED) {
            boolean gaveUp = result instanceof StepResult.Transient || result instanceof StepResult.Crashed
                    || result instanceof StepResult.Unconfirmed;
            reason = gaveUp ? reason + " (gave up after " + target.attempts + " attempts)" : reason;
            target.failedStep = from;
        }
        target.lastError = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    private static String reason(StepResult result) {
        if (result instanceof StepResult.Transient t) {
            return t.reason();
        }
        if (result instanceof StepResult.Permanent p) {
            return p.reason();
        }
        if (result instanceof StepResult.Unconfirmed u) {
            return u.reason();
        }
        if (result instanceof StepResult.Stuck s) {
            return s.reason();
        }
        if (result instanceof StepResult.Reopened r) {
            return r.reason();
        }
        return result instanceof StepResult.Crashed c ? "worker error: " + c.errorType() : result.kind();
    }
}
