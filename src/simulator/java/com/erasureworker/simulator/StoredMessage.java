package com.erasureworker.simulator;

import java.time.Instant;
import java.util.UUID;

/** The simulator's mutable record of one message; its PII is overwritten when it is anonymized. */
final class StoredMessage {
    final UUID id;
    final UUID authorId;
    final Instant createdAt;
    /** Inbound (from the end user) or Outbound (from an agent). */
    final String direction;
    String text;
    String fromEmail;
    String toEmail;
    String attachmentUrl;
    boolean redacted;

    StoredMessage(UUID id, UUID authorId, Instant createdAt, String direction, String text) {
        this.id = id;
        this.authorId = authorId;
        this.createdAt = createdAt;
        this.direction = direction;
        this.text = text;
    }
}
