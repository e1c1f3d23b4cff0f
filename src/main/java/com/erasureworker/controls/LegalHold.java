package com.erasureworker.controls;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold (GDPR Art. 17(3)(e)): while active (not released, end date not passed) nothing of its subject is sent
 * to Dixa. The subject is an end-user id, the keyed hash of an e-mail or phone, or conversation ids (rows of
 * {@code legal_hold_conversation}); never an address.
 */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    @Id
    public UUID id;
    /** END_USER, EMAIL, PHONE or CONVERSATIONS. */
    public String subjectType;
    public UUID endUserId;
    public String subjectHash;
    /** Scrubbed of anything that looks like an e-mail address or phone number. */
    public String reason;
    public Instant endsAt;
    public String createdBy;
    public Instant createdAt;
    public String releasedBy;
    public Instant releasedAt;
    public String releaseReason;

    public boolean activeAt(Instant now) {
        return releasedAt == null && (endsAt == null || endsAt.isAfter(now));
    }
}
