package com.erasureworker.pipeline;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.erasure.TicketNotFoundException;
import com.erasureworker.privacy.KeyedHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Four-eyes approval of a ticket AWAITING_APPROVAL: a second person (dpo or admin, never the submitter) approves it,
 * and its targets become claimable (→ IN_PROGRESS), or rejects it with a reason (→ REJECTED, every target CANCELLED
 * through {@link ErasureLifecycle#command}: nothing is ever sent to Dixa). Each decision is one transaction with one
 * audit event naming both people.
 */
@ApplicationScoped
public class TicketApproval {

    private final AuditTrail audit;
    private final ErasureLifecycle lifecycle;
    private final KeyedHash fingerprint;
    private final Clock clock;

    TicketApproval(AuditTrail audit, ErasureLifecycle lifecycle, KeyedHash fingerprint, Clock clock) {
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.fingerprint = fingerprint;
        this.clock = clock;
    }

    @Transactional
    public ErasureRequest approve(UUID requestId, String actor) {
        ErasureRequest request = awaiting(requestId, actor);
        Instant now = Instant.now(clock);
        request.state = RequestState.IN_PROGRESS;
        request.decidedBy = actor;
        request.decidedAt = now;
        // Targets kept their due time while waiting: they are claimable from now on.
        ErasureTarget.update("nextAttemptAt = ?1 where requestId = ?2 and nextAttemptAt > ?1", now, requestId);
        audit.record(AuditType.TICKET_APPROVED, actor, requestId, null,
                Map.of("submittedBy", request.requestedBy, "approvedBy", actor));
        return request;
    }

    @Transactional
    public ErasureRequest reject(UUID requestId, String reason, String actor) {
        ErasureRequest request = awaiting(requestId, actor);
        Instant now = Instant.now(clock);
        List<ErasureTarget> targets = ErasureTarget.find("requestId", requestId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (ErasureTarget target : targets) {
            lifecycle.command(request, target, new StepResult.Cancel());
        }
        request.state = RequestState.REJECTED;
        request.outcome = "REJECTED";
        request.lastError = Redaction.scrub(reason);
        request.completedAt = now;
        request.decidedBy = actor;
        request.decidedAt = now;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("submittedBy", request.requestedBy);
        detail.put("rejectedBy", actor);
        detail.put("reasonHash", fingerprint.keyedHash(reason));
        detail.put("targets", targets.size());
        audit.record(AuditType.TICKET_REJECTED, actor, requestId, null, detail);
        return request;
    }

    private static ErasureRequest awaiting(UUID requestId, String actor) {
        ErasureRequest request = ErasureRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new TicketNotFoundException(requestId);
        }
        if (request.state != RequestState.AWAITING_APPROVAL) {
            throw new TicketConflictException("state", "only a ticket AWAITING_APPROVAL can be approved or rejected; "
                    + "this one is " + request.state);
        }
        if (actor.equals(request.requestedBy)) {
            throw new ProblemException(Problem.of(403, "forbidden", "Not allowed",
                    "Four eyes: the person who submitted a ticket cannot approve or reject it.",
                    List.of(new Problem.FieldError("requestedBy", "is you; another dpo or admin must decide"))));
        }
        return request;
    }
}
