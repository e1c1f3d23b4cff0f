package com.erasureworker.simulator;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook subscription stored by the simulator: where Dixa posts which events, with which Authorization header. */
final class SimWebhook {
    final UUID id;
    final Instant createdAt;
    final String secretKey;
    String name;
    String url;
    List<String> events;
    /** The header value Dixa sends (Basic …, Bearer …), or null for NoAuth. */
    String authorization;
    boolean enabled;
    Instant updatedAt;

    SimWebhook(UUID id, Instant createdAt, String secretKey) {
        this.id = id;
        this.createdAt = createdAt;
        this.secretKey = secretKey;
    }
}
