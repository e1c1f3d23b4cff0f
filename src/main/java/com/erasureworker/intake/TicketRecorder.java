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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Writes a new ticket, its targets and its first audit events in one transaction: all of it or nothing. */
@ApplicationScoped
class TicketRecorder {

    static final String NO_DATA_FOUND = "NO_DATA_FOUND";
    /** DPO tickets go before retention sweeps. */
    private static final int DPO_PRIORITY = 0;

    private final AuditTrail audit;
    private final ApprovalConfig approval;

    TicketRecorder(AuditTrail audit, ApprovalConfig approval) {
        this.audit = audit;
        this.approval = approval;
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
        request.state = approval.initialState(submission.closePolicy());
        request.subjectType = submission.subject().type();
        request.subjectHash = subjectHash;
        request.contentHash = contentHash;
        request.closePolicy = submission.closePolicy();
        request.reason = Redaction.scrub(submission.reason());
        request.requestedBy = actor;
        request.receivedAt = now;
        request.dueAt = submission.dueAt() != null ? submission.dueAt() : SubmissionReader.defaultDueAt(now);
        request.persist();
        ErasureRequest.flush();

        List<ErasureTarget> targets = targets(request.id, submission.subject(), resolution, now);
        ErasureTarget.persist(targets);

        Map<String, Object> received = new LinkedHashMap<>();
        received.put("subjectType", request.subjectType.name());
        received.put("targets", targets.size());
        received.put("closePolicy", request.closePolicy.name());
        audit.record(AuditType.TICKET_RECEIVED, actor, request.id, null, received);
        if (request.state == RequestState.AWAITING_APPROVAL) {
            audit.record(AuditType.APPROVAL_REQUESTED, actor, request.id, null, Map.of("submittedBy", actor));
        }
        if (resolution != null) {
            audit.recordCalls(resolution.calls(), request.id, null);
            audit.record(AuditType.TICKET_RESOLVED, actor, request.id, null,
                    Map.of("subjectType", request.subjectType.name(), "matches", resolution.endUserIds().size()));
            if (targets.isEmpty()) {
                request.state = RequestState.COMPLETED;
                request.outcome = NO_DATA_FOUND;
                request.completedAt = now;
                audit.record(AuditType.TICKET_COMPLETED, AuditTrail.SYSTEM, request.id, null,
                        Map.of("outcome", NO_DATA_FOUND));
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
        request.state = RequestState.IN_PROGRESS;
        request.subjectType = com.erasureworker.erasure.SubjectType.CONVERSATIONS;
        request.contentHash = "canary:" + canaryRunId;
        request.closePolicy = com.erasureworker.erasure.ClosePolicy.NEVER;
        request.reason = "Live canary " + canaryRunId + ": synthetic conversation imported for the purpose";
        request.requestedBy = actor;
        request.receivedAt = now;
        request.dueAt = SubmissionReader.defaultDueAt(now);
        request.persist();
        ErasureTarget.persist(ErasureTarget.conversation(request.id, conversationId, DPO_PRIORITY, now));
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("subjectType", request.subjectType.name());
        received.put("targets", 1);
        received.put("closePolicy", request.closePolicy.name());
        received.put("canaryRunId", canaryRunId);
        audit.record(AuditType.TICKET_RECEIVED, actor, request.id, null, received);
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
