package com.erasureworker.pipeline;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.controls.FourEyes;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.TicketNotFoundException;
import com.erasureworker.privacy.KeyedHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Four-eyes approval of a ticket AWAITING_APPROVAL: a second person (dpo or admin, never the submitter) approves it,
 * and its targets become claimable (→ IN_PROGRESS), or rejects it with a reason (→ REJECTED, every target CANCELLED:
 * nothing is ever sent to Dixa). The transitions are {@link TicketLifecycle}'s; this class checks the four eyes. Each
 * decision is one transaction with one audit event naming both people. People are compared by person id
 * ({@code signin/People}); a sweep's submitters include whoever armed the retention policy ({@link FourEyes}).
 */
@ApplicationScoped
public class TicketApproval {

    private final TicketLifecycle lifecycle;
    private final KeyedHash fingerprint;
    private final FourEyes fourEyes;

    TicketApproval(TicketLifecycle lifecycle, KeyedHash fingerprint, FourEyes fourEyes) {
        this.lifecycle = lifecycle;
        this.fingerprint = fingerprint;
        this.fourEyes = fourEyes;
    }

    @Transactional
    public ErasureRequest approve(UUID requestId, String actor) {
        TicketEvent approve = new TicketEvent.Approve(actor);
        return lifecycle.command(decidable(requestId, approve, actor), approve);
    }

    @Transactional
    public ErasureRequest reject(UUID requestId, String reason, String actor) {
        TicketEvent reject = new TicketEvent.Reject(actor, Redaction.scrub(reason), fingerprint.keyedHash(reason));
        return lifecycle.command(decidable(requestId, reject, actor), reject);
    }

    private ErasureRequest decidable(UUID requestId, TicketEvent decision, String actor) {
        ErasureRequest request = ErasureRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new TicketNotFoundException(requestId);
        }
        TicketLifecycle.requireAllowed(request, decision);
        if (actor.equals(request.requestedBy)) {
            throw new ProblemException(Problem.of(403, "forbidden", "Not allowed",
                    "Four eyes: the person who submitted a ticket cannot approve or reject it.",
                    List.of(new Problem.FieldError("requestedBy", "is you; another dpo or admin must decide"))));
        }
        if (fourEyes.isSubmitter(request, actor)) {
            throw new ProblemException(Problem.of(403, "forbidden", "Not allowed",
                    "Four eyes: you changed the retention policy this sweep runs under (you armed it), so you count "
                            + "as its submitter and cannot approve or reject it.",
                    List.of(new Problem.FieldError("armedBy", "includes you; another dpo or admin must decide"))));
        }
        return request;
    }
}
