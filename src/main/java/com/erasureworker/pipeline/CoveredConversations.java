package com.erasureworker.pipeline;

import com.erasureworker.dixa.Conversation;
import com.erasureworker.erasure.CoveredConversation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The rows of conversations a target touches: what Dixa listed, and the worker's note and close on each. */
@ApplicationScoped
class CoveredConversations {

    @Transactional
    List<Long> firstIds(UUID targetId, int limit) {
        return CoveredConversation.<CoveredConversation>find("targetId = ?1 order by conversationId", targetId)
                .page(0, limit).list().stream().map(covered -> covered.conversationId).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Set<Long> noted(UUID targetId) {
        return ids("targetId = ?1 and notePostedAt is not null", targetId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Set<Long> closed(UUID targetId) {
        return ids("targetId = ?1 and closedAt is not null", targetId);
    }

    /** Keeps what a step learned: the conversations listed, and each note posted (or found) and close made. */
    @Transactional(Transactional.TxType.MANDATORY)
    void learn(UUID targetId, StepOutcome outcome, Instant now) {
        if (outcome.covered() != null) {
            for (Conversation conversation : outcome.covered()) {
                row(targetId, conversation.id()).stateSeen = conversation.state();
            }
        }
        for (Map.Entry<Long, Instant> note : outcome.notesPosted().entrySet()) {
            CoveredConversation row = row(targetId, note.getKey());
            row.notePostedAt = row.notePostedAt == null ? note.getValue() : row.notePostedAt;
        }
        for (Map.Entry<Long, Instant> close : outcome.closed().entrySet()) {
            CoveredConversation row = row(targetId, close.getKey());
            row.closedAt = row.closedAt == null ? close.getValue() : row.closedAt;
        }
    }

    private static CoveredConversation row(UUID targetId, long conversationId) {
        CoveredConversation row = CoveredConversation.findById(new CoveredConversation.Key(targetId, conversationId));
        if (row == null) {
            row = new CoveredConversation();
            row.targetId = targetId;
            row.conversationId = conversationId;
            row.persist();
        }
        return row;
    }

    private static Set<Long> ids(String query, UUID targetId) {
        return CoveredConversation.<CoveredConversation>list(query, targetId).stream()
                .map(covered -> covered.conversationId).collect(Collectors.toSet());
    }
}
