package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The database side of {@link StatusPoller}: which request to read next, and what a read means for its target. */
@ApplicationScoped
class StatusReads {

    record Due(UUID targetId, UUID dixaRequestId, Instant readAt) {
    }

    private final ErasureLifecycle lifecycle;
    private final StatusObservations observations;
    private final TicketCompletion completion;
    private final AuditTrail audit;
    private final WorkerConfig config;
    private final Clock clock;

    StatusReads(ErasureLifecycle lifecycle, StatusObservations observations, TicketCompletion completion,
            AuditTrail audit, WorkerConfig config, Clock clock) {
        this.lifecycle = lifecycle;
        this.observations = observations;
        this.completion = completion;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * FIFO: the oldest awaiting request (in Dixa's order, initiatedAt). Otherwise: the one whose read is due first.
     * {@code readAt} is when its next read is scheduled.
     */
    @Transactional
    Optional<Due> next(boolean fifo) {
        ErasureTarget target = fifo
                ? ErasureTarget.<ErasureTarget>find("state = ?1 order by initiatedAt nulls last, acceptedAt, id",
                        TargetState.AWAITING_DIXA).firstResult()
                : ErasureTarget.<ErasureTarget>find("state = ?1 order by nextAttemptAt", TargetState.AWAITING_DIXA)
                        .firstResult();
        return Optional.ofNullable(target).map(t -> new Due(t.id, t.dixaRequestId, t.nextAttemptAt));
    }

    /** @return true when the target left AWAITING_DIXA (processed, or ended), so the next one may be read now */
    @Transactional
    boolean apply(UUID targetId, DixaOutcome<AnonymizationRequestStatus> answer) {
        ErasureTarget probe = ErasureTarget.findById(targetId);
        ErasureRequest request = ErasureRequest.findById(probe.requestId, LockModeType.PESSIMISTIC_WRITE);
        ErasureTarget target = ErasureTarget.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
        audit.recordCalls(answer.calls(), target.requestId, target.id);
        if (target.state != TargetState.AWAITING_DIXA) {
            return true;
        }
        Instant now = Instant.now(clock);
        target.updatedAt = now;
        if (answer.isOk()) {
            AnonymizationRequestStatus status = answer.value();
            observations.observe(target, status, now);
            target.attempts = 0;
            target.lastError = null;
            if (status.isProcessed()) {
                target.processedAt = status.processedAt();
                target.processedSeenAt = now;
                lifecycle.moveTo(target, TargetState.VERIFYING, now, now);
                return true;
            }
            Duration age = Duration.between(target.acceptedAt == null ? now : target.acceptedAt, now);
            if (age.compareTo(config.processingTimeout()) > 0) {
                lifecycle.failOrRetry(target, new StepOutcome.Failure(true, "stuck: Dixa has not processed request "
                        + status.id() + " after " + age.toHours() + " h", null, false), now);
                completion.completeIfDone(request, now);
                return true;
            }
            long waitMillis = Math.max(config.poll().minInterval().toMillis(),
                    (long) (age.toMillis() * config.poll().ageFraction()));
            target.nextAttemptAt = now.plusMillis(waitMillis);
            return false;
        }
        lifecycle.failOrRetry(target, StepOutcome.Failure.of("read the anonymization request status", answer), now);
        if (target.state.terminal()) {
            completion.completeIfDone(request, now);
            return true;
        }
        return false;
    }
}
