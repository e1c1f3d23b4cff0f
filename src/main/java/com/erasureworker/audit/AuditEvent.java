package com.erasureworker.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One entry of the append-only, hash-chained audit trail. {@code detail} is small JSON without personal data;
 * {@code hash} = SHA-256 of the canonical event in its {@code hashForm}, see {@link CanonicalEvent}. Written only by
 * {@link AuditTrail}; never updated (the database refuses it).
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public Long sequence;
    public Instant occurredAt;
    public String actor;
    public UUID requestId;
    public UUID targetId;
    public String type;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;
    public String previousHash;
    public String hash;
    /** The form {@link #hash} was computed in: 1 (before V30) or 2 (RFC 8785, docs/verifying-proof.md). */
    public short hashForm;

    public static List<AuditEvent> ofRequest(UUID requestId) {
        return list("requestId = ?1 order by sequence", requestId);
    }
}
