package com.erasureworker.simulator;

import java.time.Instant;
import java.util.UUID;

/** The simulator's mutable record of an end user; PII fields become null when the user is anonymized. */
final class StoredEndUser {
    final UUID id;
    final Instant createdAt;
    String email;
    String phone;
    String firstName;
    String lastName;
    String displayName;
    String externalId;
    Instant anonymizedAt;

    StoredEndUser(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    SimEndUser snapshot() {
        return new SimEndUser(id, email, phone, displayName, createdAt, anonymizedAt);
    }
}
