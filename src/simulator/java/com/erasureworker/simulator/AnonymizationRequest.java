package com.erasureworker.simulator;

import java.time.Instant;
import java.util.UUID;

/** A queued anonymization request; {@code processedAt} stays null until the processor has scrubbed the target. */
final class AnonymizationRequest {
    final UUID id;
    /** Dixa's {@code _type}: Conversation, Message or User. */
    final String type;
    final String targetEntityId;
    final UUID requestedBy;
    final Instant initiatedAt;
    volatile Instant processedAt;

    AnonymizationRequest(UUID id, String type, String targetEntityId, UUID requestedBy, Instant initiatedAt) {
        this.id = id;
        this.type = type;
        this.targetEntityId = targetEntityId;
        this.requestedBy = requestedBy;
        this.initiatedAt = initiatedAt;
    }

    String entityType() {
        return type + "AnonymizationType";
    }

    SimAnonymizationRequest snapshot() {
        return new SimAnonymizationRequest(id, type, targetEntityId, initiatedAt, processedAt);
    }
}
