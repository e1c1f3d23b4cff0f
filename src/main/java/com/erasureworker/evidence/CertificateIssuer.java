package com.erasureworker.evidence;

import com.erasureworker.audit.AuditCheckpoint;
import com.erasureworker.audit.AuditCheckpoints;
import com.erasureworker.audit.AuditEvent;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.AnonymizationObservation;
import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetType;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.erasure.TicketNotFoundException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Issues certificates of erasure for completed tickets whose evidence was captured. A certificate is built from one
 * read-only transaction (a completed ticket's targets and evidence no longer change; "the ticket's last event" and
 * "the chain head" are the committed ones that read saw) and its issuance is appended afterwards in a short
 * transaction of its own, where the CERTIFICATE_ISSUED event is also signed (a checkpoint): the chain-head lock,
 * which every audit write on every replica waits for, is held only for that append and signature, never while a large
 * ticket is read.
 */
@ApplicationScoped
public class CertificateIssuer {

    static final List<String> POLICY_DECISIONS = List.of(AuditType.CONVERSATION_OPEN.name(),
            AuditType.NOTE_POSTED.name(), AuditType.CONVERSATION_FORCE_CLOSED.name());

    /** Up to this many targets the certificate lists them itself; beyond, only the annex does (bounded memory). */
    static final int INLINE_ENTITIES = 1_000;

    private final AuditTrail audit;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;
    private final CertificateEntities entities;

    CertificateIssuer(AuditTrail audit, AuditCheckpoints checkpoints, Clock clock, CertificateEntities entities) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.entities = entities;
    }

    /**
     * Issues the certificate; with {@code streamedLists} its policy decisions and per-conversation evidence are left
     * empty, for {@link CertificateJson} to stream from the database (they grow with the ticket).
     */
    public Certificate issue(UUID ticketId, String issuedBy, String format, boolean streamedLists) {
        // A completed ticket's targets no longer change: the annex digested now is the annex served later.
        String annexSha256 = entities.sha256(ticketId);
        Built built = QuarkusTransaction.requiringNew().call(() -> build(ticketId, issuedBy, annexSha256,
                streamedLists));
        AuditCheckpoint checkpoint = QuarkusTransaction.requiringNew().call(() -> {
            AuditEvent issued = audit.record(AuditType.CERTIFICATE_ISSUED, issuedBy, ticketId, null, Map.of("format",
                    format, "lastTicketSequence", built.lastTicketSequence(), "chainHeadSequence", built.headSequence(),
                    "targets", built.targets(), "evidenceEntries", built.evidenceEntries()));
            // Signed under the head lock, which the append above holds anyway: one signature (about 50 µs), no wait.
            return checkpoints.sign(issued.sequence, issued.hash);
        });
        return built.certificate().signedBy(checkpoint);
    }

    private record Built(Certificate certificate, long lastTicketSequence, long headSequence, int targets,
            int evidenceEntries) {
    }

    /** 404 or 409 as {@link #issue} would answer them; returns when a certificate can be issued. */
    public void checkIssuable(UUID ticketId) {
        QuarkusTransaction.requiringNew().call(() -> issuable(ticketId));
    }

    private Built build(UUID ticketId, String issuedBy, String annexSha256, boolean streamedLists) {
        CapturedEvidence captured = issuable(ticketId);
        return buildFrom(ErasureRequest.findById(ticketId), captured, issuedBy, annexSha256, streamedLists);
    }

    private static CapturedEvidence issuable(UUID ticketId) {
        ErasureRequest request = ErasureRequest.findById(ticketId);
        if (request == null) {
            throw new TicketNotFoundException(ticketId);
        }
        if (request.state != RequestState.COMPLETED) {
            throw new TicketConflictException("state", "The ticket is " + request.state
                    + "; a certificate of erasure is issued only for COMPLETED tickets.");
        }
        CapturedEvidence captured = CapturedEvidence.findById(ticketId);
        if (captured == null) {
            throw new TicketConflictException("evidence", "The ticket completed, but its Dixa-side evidence has not "
                    + "been captured yet; ask again shortly.");
        }
        return captured;
    }

    private Built buildFrom(ErasureRequest request, CapturedEvidence captured, String issuedBy, String annexSha256,
            boolean streamedLists) {
        UUID ticketId = request.id;
        long headSequence = ((Number) Panache.getEntityManager()
                .createNativeQuery("select last_sequence from audit_chain_head where id = 1")
                .getSingleResult()).longValue();
        AuditEvent last = AuditEvent.<AuditEvent>find("requestId = ?1 order by sequence desc", ticketId).firstResult();
        AuditEvent head = headSequence == 0 ? null : AuditEvent.findById(headSequence);
        List<AuditEvent> decisions = streamedLists ? List.of()
                : AuditEvent.list("requestId = ?1 and type in ?2 order by sequence", ticketId, POLICY_DECISIONS);
        // Erased entities only: a sweep's conversations left alone as REOPENED are listed by the sweep run.
        long targetCount = ErasureTarget.count("requestId = ?1 and state <> ?2", ticketId, TargetState.REOPENED);
        List<ErasureTarget> targets = targetCount > INLINE_ENTITIES ? null : request.targets().stream()
                .filter(target -> target.state != TargetState.REOPENED).toList();

        Certificate certificate = new Certificate(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), issuedBy,
                request.id, request.ticketRef, request.source.name(), request.requestedBy, request.receivedAt,
                request.dueAt, request.completedAt, !request.completedAt.isAfter(request.dueAt), request.outcome,
                request.closePolicy.name(), new Certificate.Subject(request.subjectType.name(), request.subjectHash),
                targets == null ? null : targets.stream().map(CertificateIssuer::erased).toList(),
                new Certificate.Entities(targetCount, annexSha256,
                        "/api/v1/erasure-requests/" + ticketId + "/certificate/entities"),
                decisions.stream().map(e -> new Certificate.PolicyDecision(e.sequence, e.occurredAt, e.type, e.targetId,
                        e.detail)).toList(),
                evidence(captured, streamedLists), position(last), position(head), null, null);
        return new Built(certificate, last == null ? 0 : last.sequence, headSequence, (int) targetCount,
                captured.entries);
    }

    private static Certificate.Erased erased(ErasureTarget t) {
        List<Long> covered = t.type != TargetType.USER ? null
                : CoveredConversation.of(t.id).stream().map(c -> c.conversationId).toList();
        return new Certificate.Erased(t.type.name(), t.dixaId, t.dixaRequestId, t.initiatedAt, processedAt(t),
                t.verification, t.verifiedAt, covered);
    }

    /**
     * Dixa's processedAt as the target keeps it or, when Dixa's 202 already came back processed (the target then skips
     * the status reads that copy it onto the target), as the recorded observation of that request shows it.
     */
    private static Instant processedAt(ErasureTarget t) {
        if (t.processedAt != null || t.dixaRequestId == null) {
            return t.processedAt;
        }
        return AnonymizationObservation.<AnonymizationObservation>find("targetId = ?1 and dixaRequestId = ?2 "
                + "and processedAt is not null order by id desc", t.id, t.dixaRequestId).firstResultOptional()
                .map(observation -> observation.processedAt).orElse(null);
    }

    private static Certificate.Evidence evidence(CapturedEvidence captured, boolean streamedLists) {
        String policy = captured.policy != null ? captured.policy
                : "activity-log evidence for every erased conversation (" + captured.conversations + ")";
        if (streamedLists) {
            return new Certificate.Evidence(captured.capturedAt, policy, List.of());
        }
        Map<Long, List<Certificate.Activity>> activity = ActivityEvidence.of(captured.requestId).stream()
                .collect(Collectors.groupingBy(a -> a.conversationId, Collectors.mapping(
                        a -> new Certificate.Activity(a.type, a.activityAt, a.entryId), Collectors.toList())));
        return new Certificate.Evidence(captured.capturedAt, policy, ConversationEvidence.of(captured.requestId).stream()
                .map(c -> new Certificate.ConversationActivity(c.conversationId, c.outcome, c.reason,
                        activity.getOrDefault(c.conversationId, List.of())))
                .toList());
    }

    private static Certificate.ChainPosition position(AuditEvent event) {
        return event == null ? null
                : new Certificate.ChainPosition(event.sequence, event.hash, event.type, event.occurredAt);
    }
}
