package com.erasureworker.dixa;

import java.time.Instant;
import java.util.UUID;

/** An internal note as Dixa returns it after creation; the text itself is not read back. */
public record InternalNote(UUID id, UUID authorId, Instant createdAt, long csid) {
}
