package com.erasureworker.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery of one event to one subscription, as the delivery log shows it: how many attempts, the last status
 * code, answer size and duration (never the receiver's body), and when it is tried next.
 */
public record DeliveryView(UUID id, UUID eventId, String eventType, String state, int attempts, Integer lastStatus,
        Long lastResponseSize, Long lastDurationMs, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
        Instant deliveredAt, Instant createdAt) {
}
