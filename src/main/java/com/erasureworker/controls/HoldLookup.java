package com.erasureworker.controls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which active legal hold, if any, covers an entity: asked by the pipeline before anything is sent to Dixa for a
 * target, and by sweeps for each page of conversations found. Active: not released and the end date not passed.
 */
@ApplicationScoped
public class HoldLookup {

    private static final String ACTIVE = "h.released_at is null and (h.ends_at is null or h.ends_at > :now)";
    private static final int CHUNK = 1000;

    private final EntityManager entityManager;
    private final Clock clock;

    HoldLookup(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The hold that keeps an entity, and when it ends (null: until released). */
    public record ActiveHold(UUID id, Instant endsAt) {
    }

    /**
     * The oldest active hold on any of: the end user (named by the hold, or one its e-mail/phone resolved to), the
     * keyed hash of the ticket's e-mail/phone, the conversations.
     * Null or empty arguments are not matched.
     */
    @Transactional
    public Optional<ActiveHold> covering(UUID endUserId, String subjectHash, List<Long> conversationIds) {
        List<Long> conversations = conversationIds == null ? List.of() : conversationIds;
        for (int from = 0; from == 0 || from < conversations.size(); from += CHUNK) {
            List<Long> chunk = conversations.subList(from, Math.min(conversations.size(), from + CHUNK));
            List<String> matches = new ArrayList<>();
            if (endUserId != null) {
                matches.add("(h.end_user_id = :user or exists (select 1 from legal_hold_end_user u "
                        + "where u.hold_id = h.id and u.end_user_id = :user))");
            }
            if (subjectHash != null) {
                matches.add("h.subject_hash = :hash");
            }
            if (!chunk.isEmpty()) {
                matches.add("exists (select 1 from legal_hold_conversation c where c.hold_id = h.id "
                        + "and c.conversation_id in (:ids))");
            }
            if (matches.isEmpty()) {
                return Optional.empty();
            }
            Query query = entityManager.createNativeQuery("select h.id, h.ends_at from legal_hold h where " + ACTIVE
                    + " and (" + String.join(" or ", matches) + ") order by h.created_at, h.id limit 1")
                    .setParameter("now", Instant.now(clock));
            if (endUserId != null) {
                query.setParameter("user", endUserId);
            }
            if (subjectHash != null) {
                query.setParameter("hash", subjectHash);
            }
            if (!chunk.isEmpty()) {
                query.setParameter("ids", chunk);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            if (!rows.isEmpty()) {
                return Optional.of(new ActiveHold((UUID) rows.get(0)[0], (Instant) rows.get(0)[1]));
            }
            if (chunk.isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether any active hold names an end user: only then is a conversation's requester worth reading from Dixa. */
    @Transactional
    public boolean anyEndUserHold() {
        return !entityManager.createNativeQuery("select 1 from legal_hold h where " + ACTIVE
                + " and (h.end_user_id is not null or exists (select 1 from legal_hold_end_user u where u.hold_id = h.id))"
                + " limit 1").setParameter("now", Instant.now(clock))
                .getResultList().isEmpty();
    }

    /** Of the given conversations, those an active hold names, with the (oldest) hold. */
    @Transactional
    public Map<Long, UUID> heldConversations(List<Long> conversationIds) {
        Map<Long, UUID> held = new HashMap<>();
        for (int from = 0; from < conversationIds.size(); from += CHUNK) {
            List<Long> chunk = conversationIds.subList(from, Math.min(conversationIds.size(), from + CHUNK));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select distinct on (c.conversation_id) c.conversation_id, h.id from legal_hold_conversation c "
                            + "join legal_hold h on h.id = c.hold_id where c.conversation_id in (:ids) and " + ACTIVE
                            + " order by c.conversation_id, h.created_at")
                    .setParameter("ids", chunk).setParameter("now", Instant.now(clock)).getResultList();
            rows.forEach(row -> held.put(((Number) row[0]).longValue(), (UUID) row[1]));
        }
        return held;
    }
}
