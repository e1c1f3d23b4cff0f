package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.TicketEvents;
import com.erasureworker.webhook.WebhookEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ends a ticket when its last target ends: COMPLETED when every target is done, FAILED when any failed (a retry
 * resumes those), with its webhook event in the same transaction. The caller holds the ticket's row lock, so two targets ending at once cannot both miss the end.
 */
@ApplicationScoped
class TicketCompletion {

    private static final List<TargetState> TERMINAL = List.of(TargetState.DONE, TargetState.FAILED, TargetState.CANCELLED);

    private final AuditTrail audit;
    private final Outbox outbox;
    private final TicketEvents events;

    TicketCompletion(AuditTrail audit, Outbox outbox, TicketEvents events) {
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void completeIfDone(ErasureRequest request, Instant now) {
        if (request.state != RequestState.IN_PROGRESS) {
            return;
        }
        // Counted in SQL: a sweep ticket can have 100,000 targets, and this runs each time one of them ends.
        if (ErasureTarget.count("requestId = ?1 and state not in ?2", request.id, TERMINAL) > 0) {
            return;
        }
        long targets = ErasureTarget.count("requestId", request.id);
        long failed = ErasureTarget.count("requestId = ?1 and state = ?2", request.id, TargetState.FAILED);
        request.completedAt = now;
        if (failed == 0) {
            request.state = RequestState.COMPLETED;
            request.outcome = "ERASED";
            request.lastError = null;
            audit.record(AuditType.TICKET_COMPLETED, AuditTrail.SYSTEM, request.id, null,
                    Map.of("targets", targets, "outcome", request.outcome));
            outbox.publish(WebhookEventType.TICKET_COMPLETED, request.source, events.ended(request, targets, 0));
        } else {
            request.state = RequestState.FAILED;
            request.outcome = failed + " of " + targets + " targets failed";
            request.lastError = ErasureTarget.<ErasureTarget>find("requestId = ?1 and state = ?2 order by updatedAt",
                    request.id, TargetState.FAILED).firstResult().lastError;
            audit.record(AuditType.TICKET_FAILED, AuditTrail.SYSTEM, request.id, null,
                    Map.of("targets", targets, "failed", failed));
            outbox.publish(WebhookEventType.TICKET_FAILED, request.source, events.ended(request, targets, failed));
        }
    }
}
