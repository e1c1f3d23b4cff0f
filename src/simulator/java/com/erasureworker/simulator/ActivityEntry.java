package com.erasureworker.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One entry of a conversation's activity log; {@code type} is Dixa's {@code _type}, e.g. ConversationClosed. */
record ActivityEntry(UUID id, long conversationId, Instant at, String type, UUID authorId, Map<String, Object> attributes) {
}
