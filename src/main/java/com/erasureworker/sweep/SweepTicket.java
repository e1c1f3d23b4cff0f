package com.erasureworker.sweep;

import com.erasureworker.controls.ApprovalConfig;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.Source;
import com.erasureworker.erasure.SubjectType;
import com.erasureworker.pipeline.ErasureLifecycle;
import com.erasureworker.pipeline.TicketEvent;
import com.erasureworker.pipeline.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
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
 * targets per transaction. Targets are written HELD (a target state the claims skip) and released at the end, by the
 * target lifecycle's HELD --Release--> PENDING transition in batches of the same size:
 * otherwise the pipeline could finish the first batches and complete the ticket before the last batch is written, and
 * a crash between batches would leave a ticket that looks done. The cursor in the run makes a restart carry on. The
 * ticket's state is {@link TicketLifecycle}'s (awaiting approval when {@code APPROVAL_REQUIRED_FOR_SWEEPS}).
 */
@ApplicationScoped
class SweepTicket {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SweepLifecycle lifecycle;
    private final SweepCandidates candidates;
    private final ErasureLifecycle targets;
    private final SweepConfig config;
    private final Clock clock;

    private final ApprovalConfig approval;
    private final TicketLifecycle tickets;

    SweepTicket(SweepLifecycle lifecycle, SweepCandidates candidates, ErasureLifecycle targets, SweepConfig config,
            Clock clock, ApprovalConfig approval, TicketLifecycle tickets) {
        this.approval = approval;
        this.tickets = tickets;
        this.lifecycle = lifecycle;
        this.candidates = candidates;
        this.targets = targets;
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
        while (targets.releaseHeld(ticketOf(runId, owner), config.enqueueBatchSize()) > 0) {
            // one transaction per batch, the run's lease checked and renewed before each; a restart releases the rest
        }
        finish(runId, owner);
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
        ticket.subjectType = SubjectType.CONVERSATIONS;
        ticket.contentHash = "sweep:" + run.id;
        // The search returns closed conversations only; one reopened since is left alone (visibly) rather than closed.
        ticket.closePolicy = ClosePolicy.NEVER;
        // Each conversation is read before it is erased: only one still closed, last closed by the cutoff, is erased.
        ticket.closedBefore = run.cutoff;
        ticket.reason = "Retention sweep: conversations closed more than " + run.closedMoreThanDays
                + " days ago (at or before " + run.cutoff + ")";
        ticket.requestedBy = run.triggeredBy;
        ticket.receivedAt = now;
        ticket.dueAt = now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("subjectType", ticket.subjectType.name());
        received.put("targets", run.toErase());
        received.put("closePolicy", ticket.closePolicy.name());
        received.put("sweepId", run.id.toString());
        tickets.receive(ticket, new TicketEvent.Received(run.triggeredBy, approval.requiredForSweeps(), run.toErase(),
                received));
        run.ticketId = ticket.id;
    }

    /** @return whether a batch was written (so there may be more) */
    @Transactional
    boolean nextBatch(UUID runId, String owner) {
        SweepRun run = lifecycle.leased(runId, owner);
        long cursor = run.enqueueCursor == null ? 0L : run.enqueueCursor;
        SweepCandidates.Batch batch = candidates.enqueueBatch(runId, run.ticketId, cursor, config.enqueueBatchSize(),
                Instant.now(clock));
        if (batch == null) {
            return false;
        }
        run.enqueueCursor = batch.lastConversationId();
        run.enqueued += batch.written();
        return true;
    }

    @Transactional
    UUID ticketOf(UUID runId, String owner) {
        return lifecycle.leased(runId, owner).ticketId;
    }

    /** Every target is released: the run goes on to ERASING. */
    @Transactional
    void finish(UUID runId, String owner) {
        SweepRun run = lifecycle.leased(runId, owner);
        run.state = SweepState.ERASING;
        run.leaseOwner = null;
        run.leaseUntil = null;
        ErasureRequest ticket = ErasureRequest.findById(run.ticketId);
        lifecycle.advanceWatermark(run);
        lifecycle.finished(run, ticket.ticketRef);
    }
}
