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
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Ends a ticket when its last target ends: COMPLETED when every target is done, FAILED when any failed (a retry
 * resumes those), with its webhook event in the same transaction. The caller holds the ticket's row lock, so two targets ending at once cannot both miss the end.
 */
@ApplicationScoped
class TicketCompletion {

    private static final Set<TargetState> TERMINAL = EnumSet.of(TargetState.DONE, TargetState.FAILED,
            TargetState.CANCELLED);
    private static final Set<TargetState> OPEN = EnumSet.complementOf(EnumSet.copyOf(TERMINAL));

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
        // Asked as "is one still open?" (stops at the first, through erasure_target_request_state_idx): a sweep ticket
        // can have 100,000 targets, this runs under the ticket's row lock each time one of them ends, and counting
        // every target that is not terminal read them all.
        if (!ErasureTarget.getEntityManager().createQuery("select t.id from ErasureTarget t where t.requestId = ?1 "
                + "and t.state in ?2").setParameter(1, request.id).setParameter(2, OPEN).setMaxResults(1)
                .getResultList().isEmpty()) {
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
