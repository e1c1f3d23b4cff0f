package com.erasureworker.pipeline;

import com.erasureworker.erasure.CoveredConversation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Reads the conversations an end-user target covers. */
@ApplicationScoped
class CoveredConversations {

    @Transactional
    List<Long> firstIds(UUID targetId, int limit) {
        return CoveredConversation.of(targetId).stream().map(covered -> covered.conversationId).limit(limit).toList();
    }
}
