package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ends a ticket when its last target ends: COMPLETED when every target is done, FAILED when any failed (a retry
 * resumes those). The caller holds the ticket's row lock, so two targets ending at once cannot both miss the end.
 */
@ApplicationScoped
class TicketCompletion {

    private final AuditTrail audit;

    TicketCompletion(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void completeIfDone(ErasureRequest request, Instant now) {
        if (request.state != RequestState.IN_PROGRESS) {
            return;
        }
        List<ErasureTarget> targets = ErasureTarget.list("requestId", request.id);
        if (targets.stream().anyMatch(target -> !target.state.terminal())) {
            return;
        }
        List<ErasureTarget> failed = targets.stream().filter(target -> target.state == TargetState.FAILED).toList();
        request.completedAt = now;
        if (failed.isEmpty()) {
            request.state = RequestState.COMPLETED;
            request.outcome = "ERASED";
            request.lastError = null;
            audit.record(AuditType.TICKET_COMPLETED, AuditTrail.SYSTEM, request.id, null,
                    Map.of("targets", targets.size(), "outcome", request.outcome));
        } else {
            request.state = RequestState.FAILED;
            request.outcome = failed.size() + " of " + targets.size() + " targets failed";
            request.lastError = failed.get(0).lastError;
            audit.record(AuditType.TICKET_FAILED, AuditTrail.SYSTEM, request.id, null,
                    Map.of("targets", targets.size(), "failed", failed.size()));
        }
    }
}
