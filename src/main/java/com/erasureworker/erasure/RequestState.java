package com.erasureworker.erasure;

/**
 * Where a ticket stands. A ticket that needs four-eyes approval ({@code APPROVAL_REQUIRED}) starts AWAITING_APPROVAL:
 * its targets are not claimed until a second person approves (→ IN_PROGRESS) or rejects it (→ REJECTED, its targets
 * CANCELLED, nothing sent to Dixa). An IN_PROGRESS ticket ends when all its targets end (COMPLETED or FAILED, a FAILED
 * one can be retried) or is CANCELLED by a DPO.
 *
 * <pre>
 * AWAITING_APPROVAL --approve--> IN_PROGRESS
 * AWAITING_APPROVAL --reject--> REJECTED
 * AWAITING_APPROVAL --cancel--> CANCELLED
 * IN_PROGRESS --last target ended--> COMPLETED | FAILED
 * IN_PROGRESS --cancel--> CANCELLED
 * FAILED --retry--> IN_PROGRESS
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
