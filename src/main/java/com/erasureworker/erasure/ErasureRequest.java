package com.erasureworker.erasure;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An erasure ticket: what the DPO (or a sweep) asked for, and where it stands. Never holds an e-mail or phone. Fields
 * are public for reading (Panache, views); the state columns ({@code state}, {@code outcome}, {@code completedAt},
 * {@code decidedBy/At}, {@code lastError}) are written only by {@code pipeline.TicketLifecycle}, which
 * {@code LifecycleArchitectureTest} enforces.
 */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends PanacheEntityBase {

    @Id
    public UUID id;
    public String ticketRef;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Enumerated(EnumType.STRING)
    public RequestState state;
    /** ERASED, NO_DATA_FOUND, or why it failed/was cancelled, once terminal. */
    public String outcome;
    @Enumerated(EnumType.STRING)
    public SubjectType subjectType;
    /** HMAC-SHA256 of the normalised e-mail or phone, for EMAIL and PHONE subjects. */
    public String subjectHash;
    /** HMAC-SHA256 of the canonical request: equal for an identical resubmission of the same ticket. */
    public String contentHash;
    @Enumerated(EnumType.STRING)
    public ClosePolicy closePolicy;
    public String reason;
    public String requestedBy;
    public Instant receivedAt;
    public Instant dueAt;
    /**
     * A sweep ticket's cutoff: its conversations are erased only while they still read closed, last closed at or
     * before this instant (else their targets end REOPENED). Null for DPO tickets.
     */
    public Instant closedBefore;
    public Instant completedAt;
    public String lastError;
    /** Who approved or rejected the ticket (four-eyes approval), never its submitter, and when. */
    public String decidedBy;
    public Instant decidedAt;
    @Version
    public long version;

    public static Optional<ErasureRequest> findByTicketRef(String ticketRef) {
        return find("ticketRef", ticketRef).firstResultOptional();
    }

    public List<ErasureTarget> targets() {
        return ErasureTarget.list("requestId = ?1 order by createdAt, id", id);
    }
}
