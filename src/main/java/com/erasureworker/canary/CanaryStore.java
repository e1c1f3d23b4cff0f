package com.erasureworker.canary;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.Source;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.WebhookEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every write of a canary run, one transaction each, with its audit events. */
@ApplicationScoped
class CanaryStore {

    /** The canary ticket as the run sees it: the ticket's state and its one target's timeline. */
    record TicketView(String state, String lastError, UUID dixaRequestId, Instant acceptedAt, Instant initiatedAt,
            Instant processedAt, Instant processedSeenAt, Instant verifiedAt) {
    }

    private final AuditTrail audit;
    private final Outbox outbox;

    CanaryStore(AuditTrail audit, Outbox outbox) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** @throws RuntimeException with a violation of {@code canary_run_one_active} when a run is under way */
    @Transactional
    UUID request(String actor, Instant now) {
        CanaryRun run = new CanaryRun();
        run.id = UUID.randomUUID();
        run.state = CanaryRun.State.REQUESTED;
        run.requestedBy = actor;
        run.requestedAt = now;
        run.marker = "erasure-canary-marker-" + run.id;
        run.persist();
        CanaryRun.flush();
        return run.id;
    }

    @Transactional
    Optional<CanaryRun> active() {
        return CanaryRun.<CanaryRun>find("state in ?1 order by requestedAt",
                List.of(CanaryRun.State.REQUESTED, CanaryRun.State.ERASING)).firstResultOptional();
    }

    @Transactional
    Optional<CanaryRun> find(UUID id) {
        return CanaryRun.findByIdOptional(id);
    }

    @Transactional
    List<CanaryRun> page(int page, int size) {
        return CanaryRun.<CanaryRun>find("order by requestedAt desc").page(page, size).list();
    }

    @Transactional
    long count() {
        return CanaryRun.count();
    }

    @Transactional
    Optional<Instant> lastPassedAt() {
        return CanaryRun.<CanaryRun>find("state = ?1 order by finishedAt desc", CanaryRun.State.PASSED)
                .firstResultOptional().map(run -> run.finishedAt);
    }

    /** The canary end user of the latest run that had one: reused, so runs do not leave a new end user each. */
    @Transactional
    Optional<UUID> lastEndUser() {
        return CanaryRun.<CanaryRun>find("endUserId is not null and endUserId not in "
                + "(select r.endUserId from CanaryRun r where r.endUserAnonymizeAskedAt is not null) "
                + "order by requestedAt desc").firstResultOptional().map(run -> run.endUserId);
    }

    @Transactional
    void erasing(UUID runId, CanarySetup.Created created, UUID ticketId, String ticketRef, Instant now) {
        CanaryRun run = CanaryRun.findById(runId);
        apply(run, created);
        run.startedAt = now;
        run.ticketId = ticketId;
        run.ticketRef = ticketRef;
        run.state = CanaryRun.State.ERASING;
        audit.recordCalls(created.calls(), ticketId, null);
        audit.record(AuditType.CANARY_STARTED, run.requestedBy, ticketId, null, ids(run));
    }

    @Transactional
    void finish(UUID runId, CanaryOutcome outcome, boolean slow, String failure, Map<String, Object> report,
            List<DixaCall> calls, CanarySetup.Created created, boolean endUserAnonymizeAsked, Instant now) {
        CanaryRun run = CanaryRun.findById(runId);
        if (created != null) {
            apply(run, created);
            run.startedAt = now;
        }
        run.state = outcome.state();
        run.slow = slow;
        run.failure = failure == null ? null : failure.substring(0, Math.min(1000, failure.length()));
        run.report = report;
        run.finishedAt = now;
        if (endUserAnonymizeAsked) {
            run.endUserAnonymizeAskedAt = now;
        }
        audit.recordCalls(calls, run.ticketId, null);
        Map<String, Object> detail = ids(run);
        detail.put("passed", outcome == CanaryOutcome.PASSED);
        detail.put("outcome", outcome.name());
        detail.put("slow", slow);
        if (run.failure != null) {
            detail.put("failure", run.failure.substring(0, Math.min(300, run.failure.length())));
        }
        audit.record(AuditType.CANARY_FINISHED, AuditTrail.SYSTEM, run.ticketId, null, detail);
        if (outcome == CanaryOutcome.FAILED) {
            outbox.publish(WebhookEventType.CANARY_FAILED, Source.CANARY, detail);
        }
    }

    @Transactional
    TicketView ticket(UUID ticketId) {
        ErasureRequest ticket = ErasureRequest.findById(ticketId);
        ErasureTarget target = ErasureTarget.<ErasureTarget>find("requestId", ticketId).firstResult();
        return new TicketView(ticket.state.name(), target.lastError, target.dixaRequestId, target.acceptedAt,
                target.initiatedAt, target.processedAt, target.processedSeenAt, target.verifiedAt);
    }

    private static void apply(CanaryRun run, CanarySetup.Created created) {
        run.endUserId = created.endUserId();
        run.conversationId = created.conversationId();
        run.openConversationId = created.openConversationId();
        run.importedAt = created.importedAt();
    }

    private static Map<String, Object> ids(CanaryRun run) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("canaryRunId", run.id.toString());
        detail.put("endUserId", String.valueOf(run.endUserId));
        detail.put("conversationId", String.valueOf(run.conversationId));
        detail.put("openConversationId", String.valueOf(run.openConversationId));
        return detail;
    }
}
