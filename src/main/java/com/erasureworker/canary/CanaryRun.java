package com.erasureworker.canary;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One run of the live canary (V12, V35): what it created in Dixa, its CANARY ticket, and its report. It ends PASSED,
 * FAILED (Dixa answered wrongly: the import lost something, or the marker is still there after {@code processedAt})
 * or INCONCLUSIVE (the set-up was refused, Dixa answered only transiently, or did not process within CANARY_TIMEOUT).
 */
@Entity
@Table(name = "canary_run")
public class CanaryRun extends PanacheEntityBase {

    public enum State {
        REQUESTED, ERASING, PASSED, FAILED, INCONCLUSIVE;

        public boolean finished() {
            return this == PASSED || this == FAILED || this == INCONCLUSIVE;
        }
    }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public State state;
    public String requestedBy;
    public Instant requestedAt;
    public Instant startedAt;
    public Instant finishedAt;
    public String marker;
    public UUID endUserId;
    /** When the run asked Dixa to anonymize its end user (the last question); such an end user is not reused. */
    public Instant endUserAnonymizeAskedAt;
    public Long conversationId;
    public Long openConversationId;
    public Instant importedAt;
    public UUID ticketId;
    public String ticketRef;
    public String failure;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> report;
    /** Dixa took longer than CANARY_SLOW_AFTER to process the canary's request (or never did within the timeout). */
    public boolean slow;
    @Version
    public long version;
}
