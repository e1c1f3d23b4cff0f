package com.erasureworker.erasure;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** A conversation that an end-user erasure covers, as Dixa listed it before the user was anonymized. */
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

    public static List<CoveredConversation> of(UUID targetId) {
        return list("targetId = ?1 order by conversationId", targetId);
    }

    public record Key(UUID targetId, long conversationId) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
