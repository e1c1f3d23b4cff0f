package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.InvalidTicketChangeException;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.erasure.TicketNotFoundException;
import com.erasureworker.privacy.KeyedHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The DPO's hands on a running ticket: retry a failed one where it failed, cancel one before Dixa was asked, or move
 * its deadline within what GDPR allows. Ticket and target states change only through {@link TicketLifecycle}.
 */
@ApplicationScoped
public class TicketControl {

    private final AuditTrail audit;
    private final KeyedHash fingerprint;
    private final EntityManager entityManager;
    private final Clock clock;
    private final TicketLifecycle tickets;

    TicketControl(AuditTrail audit, KeyedHash fingerprint, EntityManager entityManager, Clock clock,
            TicketLifecycle tickets) {
        this.fingerprint = fingerprint;
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
        this.tickets = tickets;
    }

    /** A FAILED ticket resumes: each failed target goes back to the step it failed in, with fresh attempts. */
    @Transactional
    public ErasureRequest retry(UUID requestId, String actor) {
        return tickets.command(lock(requestId), new TicketEvent.Retry(actor));
    }

    /** Cancels a ticket as long as no anonymize call was made for any of its targets. */
    @Transactional
    public ErasureRequest cancel(UUID requestId, String actor) {
        ErasureRequest request = lock(requestId);
        TicketEvent cancel = new TicketEvent.Cancel(actor);
        TicketLifecycle.requireAllowed(request, cancel);
        List<ErasureTarget> targets = ErasureTarget.find("requestId", requestId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (targets.stream().anyMatch(target -> target.anonymizeRequestedAt != null)) {
            throw new TicketConflictException("state",
                    "Dixa has already been asked to anonymize part of this ticket; it can no longer be cancelled");
        }
        return tickets.command(request, cancel);
    }

    /**
     * Moves a ticket's deadline later, GDPR Art. 12(3): one month, extendable by at most two further months, so never
     * beyond receipt + 3 months. Only a ticket that still owes the erasure (in progress, or failed) can be extended.
     */
    @Transactional
    public ErasureRequest extend(UUID requestId, Instant dueAt, String reason, String actor) {
        ErasureRequest request = lock(requestId);
        if (request.state == RequestState.COMPLETED || request.state == RequestState.CANCELLED) {
            throw new TicketConflictException("state", "the ticket is " + request.state + "; its deadline no longer runs");
        }
        if (!dueAt.isAfter(request.dueAt)) {
            throw new InvalidTicketChangeException("dueAt", "must be later than the current due date " + request.dueAt);
        }
        Instant limit = latestDueAt(request.receivedAt);
        if (dueAt.isAfter(limit)) {
            throw new InvalidTicketChangeException("dueAt", "must be at most 3 months after receipt (" + limit
                    + "): one month plus an extension of at most two months, GDPR Art. 12(3)");
        }
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("from", request.dueAt.toString());
        detail.put("to", dueAt.toString());
        String reasonHash = fingerprint.keyedHash(reason);
        detail.put("reasonHash", reasonHash);
        // The reason itself goes to an erasable row: it is free text and may name someone.
        entityManager.createNativeQuery("insert into deadline_extension (request_id, extended_at, due_at, reason, "
                + "reason_hash) values (?1, ?2, ?3, ?4, ?5)").setParameter(1, requestId)
                .setParameter(2, Instant.now(clock)).setParameter(3, dueAt)
                .setParameter(4, Redaction.scrub(reason)).setParameter(5, reasonHash).executeUpdate();
        request.dueAt = dueAt;
        audit.record(AuditType.DEADLINE_EXTENDED, actor, requestId, null, detail);
        return request;
    }

    public static Instant latestDueAt(Instant receivedAt) {
        return receivedAt.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
    }

    private static ErasureRequest lock(UUID requestId) {
        ErasureRequest request = ErasureRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new TicketNotFoundException(requestId);
        }
        return request;
    }
}
