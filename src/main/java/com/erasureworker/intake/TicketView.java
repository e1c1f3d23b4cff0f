package com.erasureworker.intake;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import com.erasureworker.erasure.TargetState;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An erasure ticket as the API shows it; list entries leave {@code targets} and {@code targetCounts} out. */
@Schema(name = "ErasureTicket")
public record TicketView(
        UUID id,
        String ticketRef,
        RequestState state,
        @Schema(description = "ERASED, NO_DATA_FOUND, CANCELLED or why it failed, once terminal") String outcome,
        Source source,
        SubjectView subject,
        ClosePolicy closePolicy,
        @Schema(description = "as submitted, with anything looking like an e-mail or phone replaced, at most ~300 chars")
        String reason,
        String requestedBy,
        Instant receivedAt,
        Instant dueAt,
        Instant completedAt,
        @Schema(description = "the deadline passed and the ticket is neither COMPLETED nor CANCELLED") boolean overdue,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "four-eyes approval: who approved or rejected the ticket (never its submitter)")
        String decidedBy,
        @Schema(description = "processing is paused for every replica (emergency pause): nothing is sent to Dixa "
                + "until an admin resumes; Dixa's status is still read") boolean processingPaused,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "one per Dixa entity to erase, the first page of them (targetsNext pages on); only on "
                + "the single-ticket answers") List<TargetView> targets,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "how many targets are in each state; only on the single-ticket answers")
        Map<TargetState, Long> targetCounts,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "link to the next page of targets, when there are more than the first page holds")
        String targetsNext) {

    /** Never the address: e-mail and phone subjects show only their keyed hash. */
    @Schema(name = "ErasureSubject")
    public record SubjectView(
            @Schema(description = "END_USER, EMAIL, PHONE, CONVERSATIONS or MESSAGES") String type,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "HMAC-SHA256 of the normalised e-mail or phone") String hash,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID endUserId) {
    }
}
