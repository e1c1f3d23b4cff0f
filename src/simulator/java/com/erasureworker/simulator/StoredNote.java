package com.erasureworker.simulator;

import java.time.Instant;
import java.util.UUID;

/** An internal note as Dixa's {@code InternalNoteData}. */
record StoredNote(UUID id, UUID authorId, Instant createdAt, long csid, String message) {
}
