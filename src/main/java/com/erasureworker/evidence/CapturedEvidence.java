package com.erasureworker.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** That a completed ticket's Dixa-side evidence was captured, and how much of it; one row per ticket, written once. */
@Entity
@Table(name = "evidence_capture")
public class CapturedEvidence extends PanacheEntityBase {

    @Id
    public UUID requestId;
    public Instant capturedAt;
    public int conversations;
    public int entries;
    /** Which conversations' activity logs were read ({@link EvidencePolicy}); null for every one (older captures). */
    public String policy;
}
