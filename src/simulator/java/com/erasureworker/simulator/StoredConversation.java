package com.erasureworker.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The simulator's mutable record of one conversation; only touched while holding the {@link SimulatorStore} lock. */
final class StoredConversation {
    final long id;
    final UUID requesterId;
    final String channel;
    final Instant createdAt;
    final String direction;
    ConversationState state;
    Instant stateUpdatedAt;
    /** Latest close; cleared on reopen so ClosedDate filters only see conversations that are closed now. */
    Instant closedAt;
    /** The first close ever (kept through reopens), for the mode where ClosedDate means the first close. */
    Instant firstClosedAt;
    Instant anonymizedAt;
    UUID assignedAgentId;
    String subject;
    String fromEmail;
    String toEmail;
    String integrationEmail;
    String fromNumber;
    String browserIp;
    final List<StoredMessage> messages = new ArrayList<>();
    final List<StoredNote> notes = new ArrayList<>();
    final List<ActivityEntry> activity = new ArrayList<>();
    final Map<UUID, Object> customAttributes = new LinkedHashMap<>();

    StoredConversation(long id, UUID requesterId, String channel, Instant createdAt, String direction) {
        this.id = id;
        this.requesterId = requesterId;
        this.channel = channel;
        this.createdAt = createdAt;
        this.direction = direction;
        this.state = ConversationState.Open;
        this.stateUpdatedAt = createdAt;
    }

    boolean isClosed() {
        return state == ConversationState.Closed;
    }

    StoredMessage message(UUID messageId) {
        return messages.stream().filter(m -> m.id.equals(messageId)).findFirst().orElse(null);
    }

    SimConversation snapshot() {
        return new SimConversation(id, requesterId, channel, state, createdAt, closedAt, anonymizedAt,
                notes.stream().map(StoredNote::message).toList(), Map.copyOf(customAttributes.entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                messages.stream().map(m -> m.text).toList());
    }
}
