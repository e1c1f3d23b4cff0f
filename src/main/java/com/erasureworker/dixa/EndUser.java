package com.erasureworker.dixa;

import java.time.Instant;
import java.util.UUID;

/** A Dixa end user, reduced to its identifiers: names, e-mails and phone numbers are not mapped (privacy by design). */
public record EndUser(UUID id, Instant createdAt, String externalId) {
}
