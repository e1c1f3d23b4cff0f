package com.erasureworker.intake;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.controls.ApprovalConfig;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import com.erasureworker.subject.Subject;
import com.erasureworker.pipeline.TicketEvent;
import com.erasureworker.pipeline.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a new ticket, its targets and its first audit events in one transaction: all of it or nothing. The ticket's
 * state is {@link TicketLifecycle}'s to set (intake, and the no-data ending).
 */
@ApplicationScoped
class TicketRecorder {

    /** DPO tickets go before retention sweeps. */
    private static final int DPO_PRIORITY = 0;

    private final AuditTrail audit;
    private final ApprovalConfig approval;
    private final TicketLifecycle tickets;

    TicketRecorder(AuditTrail audit, ApprovalConfig approval, TicketLifecycle tickets) {
        this.audit = audit;
        this.approval = approval;
        this.tickets = tickets;
    }

    @Transactional
    Optional<ErasureRequest> findByTicketRef(String ticketRef) {
        return ErasureRequest.findByTicketRef(ticketRef);
    }

    /**
     * @param resolution the Dixa lookup for e-mail/phone subjects, null for subjects named by Dixa ids
     * @throws RuntimeException with a unique-constraint violation on ticket_ref when another request recorded the same
     *                          ticket first (flushed early so it surfaces here, not at commit)
     */
    @Transactional
    UUID record(Submission submission, String subjectHash, String contentHash, SubjectResolver.Resolution resolution,
            String actor, Instant now) {
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID();
        request.ticketRef = submission.ticketRef();
        request.source = Source.DPO;
        request.subjectType = submission.subject().type();
        request.subjectHash = subjectHash;
        request.contentHash = contentHash;
        request.closePolicy = submission.closePolicy();
        request.reason = Redaction.scrub(submission.reason());
        request.requestedBy = actor;
        request.receivedAt = now;
        request.dueAt = submission.dueAt() != null ? submission.dueAt() : SubmissionReader.defaultDueAt(now);
        List<ErasureTarget> targets = targets(request.id, submission.subject(), resolution, now);
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("subjectType", request.subjectType.name());
        received.put("targets", targets.size());
        received.put("closePolicy", request.closePolicy.name());
        boolean approvalRequired = approval.initialState(submission.closePolicy()) == RequestState.AWAITING_APPROVAL;
        // Written (and flushed) here, in the state the ticket table gives it: a duplicate ticket_ref fails now.
        tickets.receive(request, new TicketEvent.Received(actor, approvalRequired, targets.size(), received));
        ErasureTarget.persist(targets);
        if (resolution != null) {
            audit.recordCalls(resolution.calls(), request.id, null);
            audit.record(AuditType.TICKET_RESOLVED, actor, request.id, null,
                    Map.of("subjectType", request.subjectType.name(), "matches", resolution.endUserIds().size()));
            if (targets.isEmpty()) {
                // Nothing to erase, so nothing to approve: completed at once, with its ticket.completed webhook.
                tickets.noDataFound(request);
            }
        }
        return request.id;
    }

    /**
     * A canary's ticket: one conversation target, source CANARY, audited like any other ticket. The conversation is
     * synthetic and closed, so the close policy is NEVER (nothing is ever force-closed for a canary).
     */
    @Transactional
    UUID recordCanary(String ticketRef, String canaryRunId, long conversationId, String actor, Instant now) {
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID();
        request.ticketRef = ticketRef;
        request.source = Source.CANARY;
        request.subjectType = com.erasureworker.erasure.SubjectType.CONVERSATIONS;
        request.contentHash = "canary:" + canaryRunId;
        request.closePolicy = com.erasureworker.erasure.ClosePolicy.NEVER;
        request.reason = "Live canary " + canaryRunId + ": synthetic conversation imported for the purpose";
        request.requestedBy = actor;
        request.receivedAt = now;
        request.dueAt = SubmissionReader.defaultDueAt(now);
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("subjectType", request.subjectType.name());
        received.put("targets", 1);
        received.put("closePolicy", request.closePolicy.name());
        received.put("canaryRunId", canaryRunId);
        // A canary never waits for approval: it proves the pipeline, on a synthetic conversation.
        tickets.receive(request, new TicketEvent.Received(actor, false, 1, received));
        ErasureTarget.persist(ErasureTarget.conversation(request.id, conversationId, DPO_PRIORITY, now));
        return request.id;
    }

    private static List<ErasureTarget> targets(UUID requestId, Subject subject, SubjectResolver.Resolution resolution,
            Instant now) {
        List<ErasureTarget> targets = new ArrayList<>();
        if (subject instanceof Subject.EndUser endUser) {
            targets.add(ErasureTarget.endUser(requestId, endUser.id(), DPO_PRIORITY, now));
        } else if (subject instanceof Subject.Conversations conversations) {
            conversations.ids().forEach(id -> targets.add(ErasureTarget.conversation(requestId, id, DPO_PRIORITY, now)));
        } else if (subject instanceof Subject.Messages messages) {
            messages.refs().forEach(ref -> targets.add(
                    ErasureTarget.message(requestId, ref.conversationId(), ref.messageId(), DPO_PRIORITY, now)));
        } else {
            resolution.endUserIds().forEach(id -> targets.add(ErasureTarget.endUser(requestId, id, DPO_PRIORITY, now)));
        }
        return targets;
    }
}
