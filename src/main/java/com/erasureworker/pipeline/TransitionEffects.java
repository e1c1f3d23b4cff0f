package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.erasure.Backoff;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import java.time.Duration;
import java.time.Instant;

/** Carries out a transition's {@link TargetTransitions.Effect}s on a locked target row (for {@link ErasureLifecycle}). */
record TransitionEffects(StatusObservations observations, Backoff backoff, WorkerConfig config) {

    void apply(ErasureTarget target, TargetState from, TargetTransitions.Transition transition, StepResult result,
            Instant now) {
        AnonymizationRequestStatus status = ErasureLifecycle.statusOf(result);
        for (TargetTransitions.Effect effect : transition.effects()) {
            switch (effect) {
                case RECORD_REQUEST -> {
                    target.dixaRequestId = status.id();
                    target.initiatedAt = status.initiatedAt();
                    target.acceptedAt = now;
                    observe(target, status, now);
                }
                case OBSERVE_STATUS -> observe(target, status, now);
                case FOLLOW -> follow(target, ((StepResult.Following) result));
                case RESET_ATTEMPTS -> {
                    target.attempts = 0;
                    target.lastError = null;
                }
                case COUNT_ATTEMPT -> target.attempts++;
                case RECORD_FAILURE -> recordFailure(target, from, transition.to(), result);
                case RECORD_VERIFICATION -> {
                    target.verification = ((StepResult.Verified) result).verification();
                    target.verifiedAt = now;
                }
                case FORGET_REQUEST -> {
                    // A stuck request is given up on: the retry asks Dixa again, and the timeout runs from the new 202.
                    target.dixaRequestId = null;
                    target.initiatedAt = null;
                    target.acceptedAt = null;
                    target.followsTargetId = null;
                }
                default -> {
                }
            }
        }
        if (transition.effects().contains(TargetTransitions.Effect.SCHEDULE)) {
            target.nextAttemptAt = scheduled(result, now);
        } else if (transition.effects().contains(TargetTransitions.Effect.BACKOFF)) {
            Duration retryAfter = result instanceof StepResult.Transient t ? t.retryAfter() : null;
            target.nextAttemptAt = now.plus(backoff.delay(target.attempts, retryAfter));
        }
        target.waitingReason = result instanceof StepResult.WaitingForClose waiting ? waiting.reason() : null;
        if (transition.to() != TargetState.FAILED) {
            target.failedStep = transition.to() == from ? target.failedStep : null;
        }
    }

    private Instant scheduled(StepResult result, Instant now) {
        if (result instanceof StepResult.Requested || result instanceof StepResult.Following) {
            return now.plus(config.poll().minInterval());
        }
        if (result instanceof StepResult.StillQueued queued) {
            return queued.nextReadAt();
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
            boolean gaveUp = result instanceof StepResult.Transient || result instanceof StepResult.Crashed;
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
        if (result instanceof StepResult.Stuck s) {
            return s.reason();
        }
        return result instanceof StepResult.Crashed c ? "worker error: " + c.errorType() : result.kind();
    }
}
