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

/** One run of the live canary (V12): what it created in Dixa, its CANARY ticket, and its report. */
@Entity
@Table(name = "canary_run")
public class CanaryRun extends PanacheEntityBase {

    public enum State {
        REQUESTED, ERASING, PASSED, FAILED;

        public boolean finished() {
            return this == PASSED || this == FAILED;
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
    public Long conversationId;
    public Long openConversationId;
    public Instant importedAt;
    public UUID ticketId;
    public String ticketRef;
    public String failure;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> report;
    @Version
    public long version;
}
