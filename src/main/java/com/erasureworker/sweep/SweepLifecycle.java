package com.erasureworker.sweep;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.Backoff;
import com.erasureworker.erasure.Source;
import com.erasureworker.pipeline.WorkerConfig;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.WebhookEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every transition of a sweep run and its persistence, one transaction each: claiming a run with a lease, saving an
 * enumerated page together with the key of the next one (so a crash resumes after the last saved page and never stores
 * a page twice), the end of enumeration, and failures with backoff.
 */
@ApplicationScoped
class SweepLifecycle {

    private static final String CLAIMABLE = """
            select id from sweep_run
            where state in ('QUEUED', 'ENUMERATING', 'ENQUEUING') and next_attempt_at <= :now
              and (lease_until is null or lease_until < :now)
            order by requested_at limit 1
            for update skip locked
            """;

    private final EntityManager entityManager;
    private final SweepCandidates candidates;
    private final AuditTrail audit;
    private final WorkerConfig worker;
    private final Clock clock;
    private final Outbox outbox;

    SweepLifecycle(EntityManager entityManager, SweepCandidates candidates, AuditTrail audit, WorkerConfig worker,
            Clock clock, Outbox outbox) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.candidates = candidates;
        this.audit = audit;
        this.worker = worker;
        this.clock = clock;
    }

    /** A replica lost a run's lease (it was too slow and another took over): it must stop working that run. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(UUID runId) {
            super("lease of sweep " + runId + " was taken over", null, false, false);
        }
    }

    /** Leases the run that is due, if any; a queued run starts here. */
    @Transactional
    Optional<SweepRun> claim(String owner) {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery(CLAIMABLE, UUID.class).setParameter("now", now).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        SweepRun run = SweepRun.findById(ids.get(0));
        run.leaseOwner = owner;
        run.leaseUntil = now.plus(worker.leaseDuration());
        if (run.state == SweepState.QUEUED) {
            run.state = SweepState.ENUMERATING;
            run.startedAt = now;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("sweepId", run.id.toString());
            detail.put("dryRun", run.dryRun);
            detail.put("cutoff", run.cutoff.toString());
            detail.put("closedMoreThanDays", run.closedMoreThanDays);
            detail.put("channels", RetentionPolicy.splitChannels(run.channels));
            detail.put("maxConversations", run.maxConversations);
            audit.record(AuditType.SWEEP_STARTED, run.triggeredBy, null, null, detail);
        }
        return Optional.of(run);
    }

    /**
     * Stores one page of hits, the key of the next page and the depth reached in the window, in one transaction.
     *
     * @return how many more conversations the run may take after this page
     */
    @Transactional
    int savePage(UUID runId, String owner, List<Long> ids, String nextPageKey) {
        SweepRun run = leased(runId, owner);
        SweepCandidates.Stored stored = candidates.storePage(runId, ids, run.maxConversations - run.toErase());
        run.found += stored.inserted();
        run.skipped += stored.skipped();
        run.held += stored.held();
        run.limitReached |= stored.overLimit() > 0;
        run.pages++;
        run.searchCalls++;
        run.windowHits += ids.size();
        run.pageKey = nextPageKey;
        run.attempts = 0;
        run.lastError = null;
        return run.maxConversations - run.toErase();
    }

    /**
     * Where the run's enumeration stands: starts it the first time (from the policy's watermark minus the overlap when
     * the last real run enumerated the same channels, else from the start of history).
     */
    @Transactional
    SearchWindows.Cursor windows(UUID runId, String owner, Duration overlap, int pageSize) {
        SweepRun run = leased(runId, owner);
        if (run.windowFrom == null) {
            RetentionPolicy policy = RetentionPolicy.current();
            boolean sameScope = policy != null && policy.sweptUntil != null
                    && channelKey(run.channels).equals(policy.sweptChannels);
            Instant from = sameScope ? policy.sweptUntil.minus(overlap) : SearchWindows.HISTORY_START;
            // A longer retention than last time: nothing closed after the cutoff is searched.
            run.sweptFrom = from.isAfter(run.cutoff) ? run.cutoff : from;
            run.windowFrom = run.sweptFrom;
            run.windowTo = SearchWindows.firstTo(run.sweptFrom, run.cutoff, sameScope);
            run.pageSize = run.pageSize == null ? pageSize : run.pageSize;
            return fromFirstPage(run);
        }
        return cursor(run);
    }

    /**
     * The window would page deeper than the search allows: it is split, and its first half searched from its first
     * page (hits already stored are not stored or counted again).
     *
     * @return the new cursor, or empty when the window cannot be split any more
     */
    @Transactional
    Optional<SearchWindows.Cursor> splitWindow(UUID runId, String owner) {
        SweepRun run = leased(runId, owner);
        run.searchCalls++;
        Optional<Instant> half = SearchWindows.half(run.windowFrom, run.windowTo);
        if (half.isEmpty()) {
            return Optional.empty();
        }
        run.windowTo = half.get();
        return Optional.of(fromFirstPage(run));
    }

    /**
     * Dixa refused the first page of a window (400): the page size is halved and the window searched again.
     *
     * @return the new cursor, or empty when the page size is already 1 (the request itself is refused)
     */
    @Transactional
    Optional<SearchWindows.Cursor> halvePageSize(UUID runId, String owner) {
        SweepRun run = leased(runId, owner);
        run.searchCalls++;
        if (run.pageSize <= 1) {
            return Optional.empty();
        }
        run.pageSize = run.pageSize / 2;
        return Optional.of(fromFirstPage(run));
    }

    /**
     * The current window is fully read: everything closed up to its end is enumerated, and the next window is sized
     * from this one's density.
     *
     * @return the next window, or empty when this one reached the cutoff
     */
    @Transactional
    Optional<SearchWindows.Cursor> windowDone(UUID runId, String owner, int depth) {
        SweepRun run = leased(runId, owner);
        run.enumeratedUntil = run.windowTo;
        if (!run.windowTo.isBefore(run.cutoff)) {
            return Optional.empty();
        }
        Instant nextTo = SearchWindows.nextTo(run.windowFrom, run.windowTo, run.windowHits, depth, run.cutoff);
        run.windowFrom = run.windowTo;
        run.windowTo = nextTo;
        return Optional.of(fromFirstPage(run));
    }

    /** The run's current window, searched from its first page. */
    private static SearchWindows.Cursor fromFirstPage(SweepRun run) {
        run.windowHits = 0;
        run.pageKey = null;
        return cursor(run);
    }

    private static SearchWindows.Cursor cursor(SweepRun run) {
        return new SearchWindows.Cursor(run.windowFrom, run.windowTo, run.pageKey, run.windowHits, run.pageSize,
                run.maxConversations - run.toErase());
    }

    static String channelKey(String channels) {
        return channels == null ? "" : channels;
    }

    /**
     * A real run's candidates are all enqueued: the policy's watermark moves to what the run fully enumerated, so the
     * next run for the same channels searches only from there (minus the overlap). A run that stopped at its limit
     * moves it only to the end of its last complete window; a dry run never moves it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void advanceWatermark(SweepRun run) {
        if (run.dryRun || run.enumeratedUntil == null) {
            return;
        }
        RetentionPolicy policy = RetentionPolicy.currentForUpdate();
        String channels = channelKey(run.channels);
        if (policy.sweptUntil != null && channels.equals(policy.sweptChannels)
                && !run.enumeratedUntil.isAfter(policy.sweptUntil)) {
            return;
        }
        policy.sweptUntil = run.enumeratedUntil;
        policy.sweptChannels = channels;
    }

    /**
     * The search has no more pages, or the run is full ({@code pagesLeft}). A dry run ends here; a real one goes on to
     * its ticket.
     */
    @Transactional
    void enumerated(UUID runId, String owner, boolean pagesLeft) {
        SweepRun run = leased(runId, owner);
        Instant now = Instant.now(clock);
        run.enumeratedAt = now;
        run.limitReached |= pagesLeft;
        if (run.dryRun || run.toErase() == 0) {
            run.state = SweepState.COMPLETED;
            run.finishedAt = now;
            advanceWatermark(run);
            finished(run, null);
        } else {
            run.state = SweepState.ENQUEUING;
            run.enqueueCursor = 0L;
        }
    }

    /** SWEEP_FINISHED: what the run found and, for a real run, the ticket that now carries the erasure. */
    @Transactional(Transactional.TxType.MANDATORY)
    void finished(SweepRun run, String ticketRef) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sweepId", run.id.toString());
        detail.put("dryRun", run.dryRun);
        detail.put("pages", run.pages);
        detail.put("found", run.found);
        detail.put("skipped", run.skipped);
        detail.put("toErase", run.toErase());
        detail.put("enqueued", run.enqueued);
        detail.put("limitReached", run.limitReached);
        if (ticketRef != null) {
            detail.put("ticketRef", ticketRef);
        }
        audit.record(AuditType.SWEEP_FINISHED, AuditTrail.SYSTEM, run.ticketId, null, detail);
        // A copy: the audit event keeps (and hashed) its own detail.
        Map<String, Object> data = new LinkedHashMap<>(detail);
        if (run.ticketId != null) {
            data.put("ticketId", run.ticketId.toString());
        }
        outbox.publish(WebhookEventType.SWEEP_FINISHED, Source.SWEEP, data);
    }

    /** A Dixa failure: retried later with backoff (from the saved page), or the run fails for good. */
    @Transactional
    void failed(UUID runId, String owner, DixaOutcome<?> outcome) {
        fail(leased(runId, owner), "search failed: " + outcome.kind()
                + (outcome.message() == null ? "" : " " + outcome.message()), outcome.kind().permanent(),
                outcome.retryAfter(), outcome.kind().name());
    }

    /**
     * An unexpected error (a bug, a refused ticket, the database): counted like a Dixa failure, so a run that keeps
     * failing ends FAILED with its reason after the attempts run out, and the next run can start; it cannot wedge.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void crashed(UUID runId, String owner, RuntimeException error) {
        SweepRun run = SweepRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !owner.equals(run.leaseOwner) || !run.state.active()) {
            return;
        }
        fail(run, "worker error: " + error.getClass().getSimpleName(), false, null, "WORKER_ERROR");
    }

    private void fail(SweepRun run, String reason, boolean permanent, Duration retryAfter, String outcome) {
        Instant now = Instant.now(clock);
        run.attempts++;
        run.lastError = reason.substring(0, Math.min(1000, reason.length()));
        run.leaseOwner = null;
        run.leaseUntil = null;
        if (permanent || run.attempts >= worker.maxAttempts()) {
            run.state = SweepState.FAILED;
            run.finishedAt = now;
            audit.record(AuditType.SWEEP_FAILED, AuditTrail.SYSTEM, run.ticketId, null, Map.of("sweepId",
                    run.id.toString(), "attempts", run.attempts, "outcome", outcome, "pages", run.pages));
            return;
        }
        run.nextAttemptAt = now.plus(new Backoff(worker.backoffInitial(), worker.backoffMax())
                .delay(run.attempts, retryAfter));
    }

    @Transactional
    SweepState state(UUID runId) {
        SweepRun run = SweepRun.findById(runId);
        return run == null ? null : run.state;
    }

    /** The run, locked, if this replica still holds its lease; renews the lease. */
    @Transactional(Transactional.TxType.MANDATORY)
    SweepRun leased(UUID runId, String owner) {
        SweepRun run = SweepRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !owner.equals(run.leaseOwner) || !run.state.active()) {
            throw new LeaseLost(runId);
        }
        run.leaseUntil = Instant.now(clock).plus(worker.leaseDuration());
        return run;
    }
}
