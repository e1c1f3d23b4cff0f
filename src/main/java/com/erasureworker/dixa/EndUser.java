package com.erasureworker.dixa;

import java.time.Instant;
import java.util.UUID;

/**
 * A Dixa end user, reduced to its identifiers: names, e-mails, phone numbers and the tenant's own {@code externalId}
 * (often a customer number or an e-mail) are not mapped (privacy by design).
 */
public record EndUser(UUID id, Instant createdAt) {
}
