package com.erasureworker.sweep;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import com.erasureworker.erasure.SubjectType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a real run's candidates into one SWEEP ticket for the pipeline, in batches of {@code sweep.enqueue-batch-size}
 * targets per transaction. Targets are written held (due only in the far future) and released together at the end:
 * otherwise the pipeline could finish the first batches and complete the ticket before the last batch is written, and
 * a crash between batches would leave a ticket that looks done. The cursor in the run makes a restart carry on.
 */
@ApplicationScoped
class SweepTicket {

    /** Due date of a target that is written but not yet released. */
    static final Instant HELD = Instant.parse("9999-01-01T00:00:00Z");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SweepLifecycle lifecycle;
    private final SweepCandidates candidates;
    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final SweepConfig config;
    private final Clock clock;

    SweepTicket(SweepLifecycle lifecycle, SweepCandidates candidates, EntityManager entityManager, AuditTrail audit,
            SweepConfig config, Clock clock) {
        this.lifecycle = lifecycle;
        this.candidates = candidates;
        this.entityManager = entityManager;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** {@code sweep-<yyyy-MM-dd>-<first 8 characters of the run id>}, the day being the run's start (UTC). */
    static String ticketRef(SweepRun run) {
        return com.erasureworker.erasure.Source.SWEEP_TICKET_PREFIX + DAY.format(run.startedAt) + "-" + run.id.toString().substring(0, 8);
    }

    /** Writes the ticket (once), then every batch, then releases the targets to the pipeline. */
    void enqueue(UUID runId, String owner) {
        open(runId, owner);
        while (nextBatch(runId, owner)) {
            // one transaction per batch
        }
        release(runId, owner);
    }

    @Transactional
    void open(UUID runId, String owner) {
        SweepRun run = lifecycle.leased(runId, owner);
        if (run.ticketId != null) {
            return;
        }
        Instant now = Instant.now(clock);
        ErasureRequest ticket = new ErasureRequest();
        ticket.id = UUID.randomUUID();
        ticket.ticketRef = ticketRef(run);
        ticket.source = Source.SWEEP;
        ticket.state = RequestState.IN_PROGRESS;
        ticket.subjectType = SubjectType.CONVERSATIONS;
        ticket.contentHash = "sweep:" + run.id;
        // The search returns closed conversations only; one reopened since is left alone (visibly) rather than closed.
        ticket.closePolicy = ClosePolicy.NEVER;
        ticket.reason = "Retention sweep: conversations closed more than " + run.closedMoreThanDays
                + " days ago (at or before " + run.cutoff + ")";
        ticket.requestedBy = run.triggeredBy;
        ticket.receivedAt = now;
        ticket.dueAt = now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        ticket.persist();
        run.ticketId = ticket.id;
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("subjectType", ticket.subjectType.name());
        received.put("targets", run.toErase());
        received.put("closePolicy", ticket.closePolicy.name());
        received.put("sweepId", run.id.toString());
        audit.record(AuditType.TICKET_RECEIVED, run.triggeredBy, ticket.id, null, received);
    }

    /** @return whether a batch was written (so there may be more) */
    @Transactional
    boolean nextBatch(UUID runId, String owner) {
        SweepRun run = lifecycle.leased(runId, owner);
        long cursor = run.enqueueCursor == null ? 0L : run.enqueueCursor;
        SweepCandidates.Batch batch = candidates.enqueueBatch(runId, run.ticketId, cursor, config.enqueueBatchSize(),
                HELD, Instant.now(clock));
        if (batch == null) {
            return false;
        }
        run.enqueueCursor = batch.lastConversationId();
        run.enqueued += batch.written();
        return true;
    }

    @Transactional
    void release(UUID runId, String owner) {
        SweepRun run = lifecycle.leased(runId, owner);
        Instant now = Instant.now(clock);
        entityManager.createNativeQuery("""
                update erasure_target set next_attempt_at = :now, updated_at = :now
                where request_id = :ticket and next_attempt_at = :held""")
                .setParameter("now", now).setParameter("ticket", run.ticketId).setParameter("held", HELD)
                .executeUpdate();
        run.state = SweepState.ERASING;
        run.leaseOwner = null;
        run.leaseUntil = null;
        ErasureRequest ticket = ErasureRequest.findById(run.ticketId);
        lifecycle.finished(run, ticket.ticketRef);
    }
}
