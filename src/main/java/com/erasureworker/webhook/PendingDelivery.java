package com.erasureworker.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A claimed delivery with what sending it needs: the exact signed body, the URL and the opened secret; {@code since}
 * is when its attempts began (publication, or the admin's replay), from which {@code WEBHOOK_MAX_AGE} counts.
 */
record PendingDelivery(UUID id, UUID eventId, String payload, Instant eventCreatedAt, Instant since, String url,
        String secret, int attempts) {

    @Override
    public String toString() {
        // Never the secret (or the body) in a log line.
        return "PendingDelivery[" + id + ", event " + eventId + "]";
    }
}
