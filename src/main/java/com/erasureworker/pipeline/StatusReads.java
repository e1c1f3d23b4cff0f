package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The database side of {@link StatusPoller}: which request to read next, and what a read means for its target (as a
 * {@link StepResult}, applied by {@link ErasureLifecycle}).
 */
@ApplicationScoped
class StatusReads {

    /** {@code conversationId}: a conversation target's conversation, read when Dixa no longer knows the request. */
    /**
     * {@code conversationId}: a conversation target's conversation, read when Dixa no longer knows the request;
     * {@code overdue}: taken out of head-of-line order because it is far older than recent processing.
     */
    record Due(UUID targetId, UUID dixaRequestId, Instant readAt, Instant acceptedAt, Long conversationId,
            boolean overdue, TargetType type) {
        static Due of(ErasureTarget target) {
            return of(target, false);
        }

        static Due of(ErasureTarget target, boolean overdue) {
            return new Due(target.id, target.dixaRequestId, target.nextAttemptAt, target.acceptedAt,
                    target.type == TargetType.CONVERSATION ? target.conversationId : null, overdue, target.type);
        }
    }

    /** Which overdue requests a pass may read now: any whose read is due, only the oldest (a stall), or none (cap). */
    enum OverdueReads { ANY, OLDEST, NONE }

    /** Recent processing time: initiatedAt to processedAt of the last 50 requests Dixa processed. */
    private static final String RECENT_PROCESSING = """
            select coalesce(avg(extract(epoch from (processed_at - initiated_at))), 0) from (
              select processed_at, initiated_at from erasure_target
              where processed_at is not null and initiated_at is not null
              order by processed_seen_at desc limit 50) recent
            """;

    private final ErasureLifecycle lifecycle;
    private final EntityManager entityManager;
    private final WorkerConfig config;
    private final Clock clock;

    StatusReads(ErasureLifecycle lifecycle, EntityManager entityManager, WorkerConfig config, Clock clock) {
        this.lifecycle = lifecycle;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /**
     * An overdue request (far older than recent processing) whose own read is due, first, unless {@code overdue} says
     * none may be read now; otherwise, FIFO: the oldest request that is not overdue (in Dixa's order, initiatedAt);
     * not FIFO: the read due first.
     */
    @Transactional
    Optional<Due> next(boolean fifo, OverdueReads overdue) {
        Instant now = Instant.now(clock);
        ErasureTarget target = null;
        if (fifo) {
            Instant overdueBefore = now.minus(overdueAge());
            if (overdue == OverdueReads.OLDEST) {
                // Stalled: only the two oldest overdue requests are worth a read. The younger ones wait behind them;
                // the second tells a stalled queue from one request Dixa dropped (then the second is processed).
                target = ErasureTarget.<ErasureTarget>find("state = ?1 and initiatedAt < ?2"
                        + " order by initiatedAt, acceptedAt, id", TargetState.AWAITING_DIXA, overdueBefore)
                        .page(0, 2).list().stream().filter(oldest -> !oldest.nextAttemptAt.isAfter(now))
                        .min(java.util.Comparator.comparing(oldest -> oldest.nextAttemptAt)).orElse(null);
            } else if (overdue == OverdueReads.ANY) {
                target = ErasureTarget.<ErasureTarget>find("state = ?1 and initiatedAt < ?2 and nextAttemptAt <= ?3"
                        + " order by nextAttemptAt", TargetState.AWAITING_DIXA, overdueBefore, now).firstResult();
            }
            if (target != null) {
                return Optional.of(Due.of(target, true));
            }
            // Oldest by initiatedAt from the overdue bound on, then those Dixa gave no initiatedAt (NULLs last):
            // two range reads of erasure_target_awaiting_fifo_idx, where one OR made it read from its start.
            target = ErasureTarget.<ErasureTarget>find("state = ?1 and initiatedAt >= ?2"
                    + " order by initiatedAt, acceptedAt, id", TargetState.AWAITING_DIXA, overdueBefore)
                    .firstResult();
            if (target == null) {
                target = ErasureTarget.<ErasureTarget>find("state = ?1 and initiatedAt is null order by acceptedAt, id",
                        TargetState.AWAITING_DIXA).firstResult();
            }
        } else {
            target = ErasureTarget.<ErasureTarget>find("state = ?1 order by nextAttemptAt", TargetState.AWAITING_DIXA)
                    .firstResult();
        }
        return Optional.ofNullable(target).map(Due::of);
    }

    /**
     * Up to {@code count} of the oldest requests in Dixa's order (not overdue; those without initiatedAt last), to be
     * read at once while catching up. Followers are left out: their leader's read moves them.
     */
    @Transactional
    List<Due> oldest(int count) {
        Instant overdueBefore = Instant.now(clock).minus(overdueAge());
        List<ErasureTarget> targets = new ArrayList<>(ErasureTarget.<ErasureTarget>find("state = ?1 and "
                + "initiatedAt >= ?2 and followsTargetId is null order by initiatedAt, acceptedAt, id",
                TargetState.AWAITING_DIXA, overdueBefore).page(0, count).list());
        if (targets.size() < count) {
            targets.addAll(ErasureTarget.<ErasureTarget>find("state = ?1 and initiatedAt is null and "
                    + "followsTargetId is null order by acceptedAt, id", TargetState.AWAITING_DIXA)
                    .page(0, count - targets.size()).list());
        }
        return targets.stream().map(Due::of).toList();
    }

    /** Whether Dixa has processed nothing the worker saw for {@code WORKER_POLL_OVERDUE_MIN} (its queue stalls). */
    @Transactional
    boolean nothingProcessedLately() {
        Object last = entityManager.createNativeQuery(
                "select max(processed_seen_at) from erasure_target where processed_seen_at is not null")
                .getSingleResult();
        Instant seen = last == null ? null : last instanceof Instant instant ? instant
                : ((java.sql.Timestamp) last).toInstant();
        return seen == null || seen.isBefore(Instant.now(clock).minus(config.poll().overdueMin()));
    }

    private Duration overdueAge() {
        double seconds = ((Number) entityManager.createNativeQuery(RECENT_PROCESSING).getSingleResult()).doubleValue();
        Duration recent = Duration.ofMillis((long) (seconds * 1000 * config.poll().overdueFactor()));
        return recent.compareTo(config.poll().overdueMin()) > 0 ? recent : config.poll().overdueMin();
    }

    /** @return true when the target left AWAITING_DIXA (processed, or ended), so the next one may be read now */
    boolean apply(Due due, DixaOutcome<AnonymizationRequestStatus> answer) {
        return lifecycle.applyStatus(due.targetId(), answer.calls(), result(due.acceptedAt(), answer));
    }

    /**
     * A status read answered 404 (Dixa's request records expire; a message request may not be readable) and the
     * conversation was read: anonymized → verify it; otherwise the 404 stands.
     */
    boolean applyAfterNotFound(Due due, DixaOutcome<AnonymizationRequestStatus> answer, DixaOutcome<?> read,
            boolean anonymized) {
        List<DixaCall> calls = new ArrayList<>(answer.calls());
        calls.addAll(read.calls());
        StepResult result = anonymized ? new StepResult.AlreadyAnonymized(due.conversationId())
                : result(due.acceptedAt(), answer);
        return lifecycle.applyStatus(due.targetId(), calls, result);
    }

    /**
     * A status read of a message request answered 404 and DIXA_MESSAGE_STATUS_NOT_FOUND is {@code accept}: Dixa took
     * the request (202) and shows no status for it; the target goes on to verification, which marks it UNCONFIRMED.
     */
    boolean applyMessageStatusNotShown(Due due, DixaOutcome<AnonymizationRequestStatus> answer) {
        return lifecycle.applyStatus(due.targetId(), answer.calls(), new StepResult.AlreadyAnonymized(0));
    }

    /**
     * How long to wait before reading again something Dixa has not finished after {@code age}:
     * max(WORKER_POLL_MIN_INTERVAL, WORKER_POLL_AGE_FRACTION × age).
     */
    static Duration readAgainAfter(WorkerConfig.Poll poll, Duration age) {
        return Duration.ofMillis(Math.max(poll.minInterval().toMillis(), (long) (age.toMillis() * poll.ageFraction())));
    }

    /** What a read means: processed, still queued (read again after a share of its age), stuck, or a failed read. */
    StepResult result(Instant acceptedAt, DixaOutcome<AnonymizationRequestStatus> answer) {
        if (!answer.isOk()) {
            return StepLog.failure("read the anonymization request status", answer);
        }
        AnonymizationRequestStatus status = answer.value();
        if (status.isProcessed()) {
            return new StepResult.Processed(status);
        }
        Instant now = Instant.now(clock);
        Duration age = Duration.between(acceptedAt == null ? now : acceptedAt, now);
        if (age.compareTo(config.processingTimeout()) > 0) {
            return new StepResult.Stuck("stuck: Dixa has not processed request " + status.id() + " after "
                    + age.toHours() + " h (a retry asks Dixa again)");
        }
        return new StepResult.StillQueued(status, now.plus(readAgainAfter(config.poll(), age)));
    }

}
