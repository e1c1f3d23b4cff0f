package com.erasureworker.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The chain's last sequence and hash, one row: appending an event locks it, which orders all writers. */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead extends PanacheEntityBase {

    static final short ID = 1;
    static final String GENESIS = "0".repeat(64);

    @Id
    public short id;
    public long lastSequence;
    public String lastHash;
    public Instant updatedAt;
}
