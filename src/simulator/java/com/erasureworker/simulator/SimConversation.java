package com.erasureworker.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read-only snapshot of a simulated conversation for test assertions. */
public record SimConversation(long id, UUID requesterId, String channel, ConversationState state, Instant createdAt,
        Instant closedAt, Instant anonymizedAt, List<String> notes, Map<UUID, Object> customAttributes,
        List<String> messages) {
}
