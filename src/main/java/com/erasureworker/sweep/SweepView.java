package com.erasureworker.sweep;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sweep run as the API shows it. completed and failed count the ticket's targets. */
@Schema(name = "SweepRun")
public record SweepView(
        UUID id,
        @Schema(description = "QUEUED, ENUMERATING, ENQUEUING, ERASING (its ticket is in progress), COMPLETED, FAILED or CANCELLED") SweepState state,
        boolean dryRun,
        @Schema(description = "the API user, or 'scheduler'") String triggeredBy,
        Instant requestedAt,
        Instant startedAt,
        @Schema(description = "when the search was fully read (or the run was full)") Instant enumeratedAt,
        @Schema(description = "dry run: when the list was ready; real run: when its ticket ended") Instant finishedAt,
        @Schema(description = "conversations closed at or before this instant are erased") Instant cutoff,
        int closedMoreThanDays,
        List<String> channels,
        int maxConversations,
        int pages,
        @Schema(description = "conversations the search returned") int found,
        @Schema(description = "found but not erased: already erased or under way in a ticket, or over the run's limit, or under a legal hold") int skipped,
        @Schema(description = "of the skipped, conversations a legal hold names (listed at /{id}/held with the hold)") int heldByLegalHold,
        @Schema(description = "found minus skipped: what this run erases (or, dry, would erase)") int toErase,
        @Schema(description = "the run stopped at maxConversations; the next run carries on") boolean limitReached,
        @Schema(description = "targets written to the ticket") int enqueued,
        @Schema(description = "targets of the ticket that are DONE") long completed,
        @Schema(description = "targets of the ticket that FAILED") long failed,
        @Schema(description = "targets of the ticket left alone because their conversation was reopened (listed at /{id}/reopened)") long reopened,
        UUID ticketId,
        String ticketRef,
        int attempts,
        String lastError,
        @Schema(description = "where the search started: the policy's watermark minus SWEEP_WATERMARK_OVERLAP (an incremental run), or 2000-01-01 (a walk of the whole history)") Instant sweptFrom,
        @Schema(description = "every conversation closed from sweptFrom up to here has been enumerated") Instant enumeratedUntil,
        @Schema(description = "search calls answered for this run") int searchCalls,
        @Schema(description = "conversations asked per search page (halved after a 400)") Integer pageSize) {
}
