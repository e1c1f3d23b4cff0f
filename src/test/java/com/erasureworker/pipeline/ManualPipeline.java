package com.erasureworker.pipeline;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.evidence.EvidenceCollector;
import com.erasureworker.simulator.AnonymizationQueue;
import com.erasureworker.simulator.ManualAnonymization;
import com.erasureworker.sweep.SweepRunner;
import com.erasureworker.testing.SettableClock;
import com.erasureworker.webhook.ManualDeliveries;
import com.erasureworker.webhook.WebhookJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The pipeline run by hand, after db-scheduler's {@code ManualScheduler}: each method runs one pass of a scheduled
 * job synchronously on the test thread (the Quartz jobs stay paused, see {@link ScheduledJobs}), and
 * {@link #advance(Duration)} moves the {@link SettableClock}, so a test decides when time passes and what runs, and
 * never waits for a scheduler tick.
 *
 * <p>{@link #runUntilSettled(UUID)} drives one ticket to its end: it repeats "Dixa processes its due requests, due
 * steps run, due status reads are made" and, when a pass changed nothing, moves the clock to the ticket's next due
 * moment if that is near (backoffs, status reads); it stops when the ticket has ended, when nothing is due within
 * that horizon (a grace period, a hold, a paused pipeline), or after a bounded number of passes, never after a time.
 */
@ApplicationScoped
public class ManualPipeline {

    /** How far {@link #runUntilSettled(UUID)} moves the clock by itself: a status read or a backoff, not a grace period. */
    public static final Duration NEAR = Duration.ofMinutes(1);
    private static final int MOST_PASSES = 200;

    private final PipelineRunner runner;
    private final StatusPoller poller;
    private final SweepRunner sweeps;
    private final EvidenceCollector evidence;
    private final WebhookJobs webhooks;
    private final AnonymizationQueue dixaQueue;
    private final SettableClock clock;
    private final EntityManager entityManager;

    ManualPipeline(PipelineRunner runner, StatusPoller poller, SweepRunner sweeps, EvidenceCollector evidence,
            WebhookJobs webhooks, AnonymizationQueue dixaQueue, SettableClock clock, EntityManager entityManager) {
        this.entityManager = entityManager;
        this.runner = runner;
        this.poller = poller;
        this.sweeps = sweeps;
        this.evidence = evidence;
        this.webhooks = webhooks;
        this.dixaQueue = dixaQueue;
        this.clock = clock;
    }

    /** One run of the step job: claims and works due targets until none is due (Dixa calls included). */
    public void runDueSteps() {
        runner.runSteps();
    }

    /** One pass of the status poller that reads only the requests whose read is due now, without sleeping. */
    public void pollDue() {
        poller.pollDueNow();
    }

    /** The simulated Dixa processes the anonymization requests that are due in its queue. */
    public void dixaProcessesDue() {
        ManualAnonymization.processDue(dixaQueue);
    }

    /** One run of the sweep job: works queued and interrupted sweep runs. */
    public void runSweeps() {
        sweeps.runDue();
    }

    /** One run of evidence capture; returns how many tickets it captured evidence for. */
    public int captureEvidence() {
        return evidence.captureDue();
    }

    /** One run of the webhook delivery job. */
    public void deliverWebhooks() {
        ManualDeliveries.runOnce(webhooks);
    }

    /** Moves the application's clock forward. */
    public void advance(Duration duration) {
        clock.advance(duration);
    }

    /** Runs the ticket until it ends or nothing is due within {@link #NEAR}; returns its state then. */
    public RequestState runUntilSettled(UUID ticket) {
        return runUntilSettled(ticket, NEAR);
    }

    /**
     * Runs the ticket until it ends or nothing is due within {@code horizon} of the clock (the clock is moved up to the
     * next due moment when it is within it); returns its state then.
     */
    public RequestState runUntilSettled(UUID ticket, Duration horizon) {
        for (int pass = 0; pass < MOST_PASSES; pass++) {
            String before = progress(ticket);
            dixaProcessesDue();
            runDueSteps();
            dixaProcessesDue();
            pollDue();
            RequestState state = state(ticket);
            if (state.terminal()) {
                return state;
            }
            if (before.equals(progress(ticket))) {
                Optional<Instant> next = nextDue(ticket);
                Instant now = clock.instant();
                if (next.isEmpty() || next.get().isAfter(now.plus(horizon))) {
                    return state;
                }
                if (next.get().isAfter(now)) {
                    clock.advance(Duration.between(now, next.get()).plusMillis(1));
                }
            }
        }
        throw new AssertionError("ticket " + ticket + " still moving after " + MOST_PASSES + " passes");
    }

    /** The ticket's state now. */
    @Transactional
    public RequestState state(UUID ticket) {
        return RequestState.valueOf((String) entityManager.createNativeQuery(
                "select state from erasure_request where id = :id").setParameter("id", ticket).getSingleResult());
    }

    /** What a pass may change: the ticket's state and each target's state, attempt count and next due time. */
    @Transactional
    String progress(UUID ticket) {
        List<?> targets = entityManager.createNativeQuery("""
                select concat_ws(',', state, attempts, next_attempt_at, processed_at) from erasure_target
                where request_id = :id order by id""").setParameter("id", ticket).getResultList();
        return state(ticket) + "|" + targets;
    }

    @Transactional
    Optional<Instant> nextDue(UUID ticket) {
        Object next = entityManager.createNativeQuery("""
                select min(next_attempt_at) from erasure_target
                where request_id = :id and state not in ('DONE', 'FAILED', 'CANCELLED')""")
                .setParameter("id", ticket).getSingleResult();
        return Optional.ofNullable(next).map(ManualPipeline::instant);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
