package com.erasureworker.erasure;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * A conversation a target touches (an end user's, as Dixa listed them, or a conversation target's own): what Dixa showed,
 * and the worker's note and close on it, kept per conversation so neither is repeated.
 */
@Entity
@Table(name = "erasure_target_conversation")
@IdClass(CoveredConversation.Key.class)
public class CoveredConversation extends PanacheEntityBase {

    @Id
    public UUID targetId;
    @Id
    public long conversationId;
    /** The conversation's Dixa state when last listed. */
    public String stateSeen;
    /** When the worker's note was posted (or found at Dixa): never posted twice. */
    public java.time.Instant notePostedAt;
    /** When the worker closed the conversation under the close policy. */
    public java.time.Instant closedAt;

    public static List<CoveredConversation> of(UUID targetId) {
        return list("targetId = ?1 order by conversationId", targetId);
    }

    public record Key(UUID targetId, long conversationId) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
