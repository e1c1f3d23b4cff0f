package com.erasureworker.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One activity-log entry of an erased conversation, as evidence: Dixa's entry id, type, time and author id only. */
@Entity
@Table(name = "evidence_activity")
public class ActivityEvidence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID requestId;
    public long conversationId;
    public UUID entryId;
    public String type;
    public Instant activityAt;
    /** A uuid for people; system or automation authors as Dixa names them (scrubbed, see V11). */
    public String authorId;

    static List<ActivityEvidence> of(UUID requestId) {
        return list("requestId = ?1 order by conversationId, activityAt, id", requestId);
    }
}
