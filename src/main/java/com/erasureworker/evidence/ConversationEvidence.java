package com.erasureworker.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** One erased conversation of a ticket and what Dixa answered for its activity log (CAPTURED, NOT_FOUND, ..., or UNAVAILABLE after every attempt failed). */
@Entity
@Table(name = "evidence_conversation")
@IdClass(ConversationEvidence.Key.class)
public class ConversationEvidence extends PanacheEntityBase {

    public static final String CAPTURED = "CAPTURED";

    @Id
    public UUID requestId;
    @Id
    public long conversationId;
    public UUID targetId;
    public String outcome;
    public int entries;
    /** Why an UNAVAILABLE conversation's log could not be read (the last failure's kind and the attempts made). */
    public String reason;

    static List<ConversationEvidence> of(UUID requestId) {
        return list("requestId = ?1 order by conversationId", requestId);
    }

    public record Key(UUID requestId, long conversationId) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
