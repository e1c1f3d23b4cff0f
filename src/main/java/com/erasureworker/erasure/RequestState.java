package com.erasureworker.erasure;

/**
 * Where a ticket stands. The transitions are the table in {@code pipeline.TicketTransitions}; {@code
 * pipeline.TicketLifecycle} is the only writer (a test holds this diagram, and the Mermaid one in
 * {@code docs/state-machines.md}, against the table). A ticket that needs four-eyes approval ({@code APPROVAL_REQUIRED})
 * and has something to erase starts AWAITING_APPROVAL: its targets are not claimed until a second person approves
 * (→ IN_PROGRESS) or rejects it (→ REJECTED, its targets CANCELLED, nothing sent to Dixa). A looked-up subject with
 * nothing at Dixa ends at once (COMPLETED, outcome NO_DATA_FOUND), asking nobody for approval. An IN_PROGRESS ticket
 * ends when all its targets end (COMPLETED or FAILED; a FAILED one can be retried) or is CANCELLED by a DPO.
 *
 * <pre>
 * [*] --> IN_PROGRESS : Received
 * [*] --> AWAITING_APPROVAL : Received (approval required)
 * AWAITING_APPROVAL --> IN_PROGRESS : Approve
 * AWAITING_APPROVAL --> REJECTED : Reject
 * AWAITING_APPROVAL --> CANCELLED : Cancel
 * IN_PROGRESS --> COMPLETED : NoDataFound
 * IN_PROGRESS --> CANCELLED : Cancel
 * IN_PROGRESS --> COMPLETED : AllDone
 * IN_PROGRESS --> FAILED : SomeFailed
 * FAILED --> IN_PROGRESS : Retry
 * </pre>
 */
public enum RequestState {
    AWAITING_APPROVAL,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED,
    REJECTED;

    public boolean terminal() {
        return this != IN_PROGRESS && this != AWAITING_APPROVAL;
    }
}
