package com.erasureworker.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of the append-only audit trail. {@code detail} is small JSON without personal data. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long sequence;
    public Instant occurredAt;
    public String actor;
    public UUID requestId;
    public UUID targetId;
    public String type;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;

    public static List<AuditEvent> ofRequest(UUID requestId) {
        return list("requestId = ?1 order by sequence", requestId);
    }
}
