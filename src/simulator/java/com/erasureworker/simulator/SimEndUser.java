package com.erasureworker.simulator;

import java.time.Instant;
import java.util.UUID;

/** Read-only snapshot of a simulated end user for test assertions. */
public record SimEndUser(UUID id, String email, String phone, String displayName, Instant createdAt,
        Instant anonymizedAt) {
}
