package com.erasureworker.simulator;

import java.time.Instant;
import java.util.UUID;

/** Read-only snapshot of an anonymization request; {@code type} is Dixa's {@code _type}: Conversation, Message or User. */
public record SimAnonymizationRequest(UUID id, String type, String targetEntityId, Instant initiatedAt,
        Instant processedAt) {
}
