package com.erasureworker.erasure;

/**
 * Where a target is in its lifecycle. The transitions, and the diagram of them, are in
 * {@code pipeline.TargetTransitions} (tests hold its diagram and the one in {@code docs/state-machines.md} against the
 * table); {@code pipeline.ErasureLifecycle} is the only writer. In short: (HELD →) PENDING → (WAITING_FOR_CLOSE →) AWAITING_DIXA → VERIFYING → DONE; FAILED from any
 * working state (a retry resumes where it failed, and a stuck request is asked again); CANCELLED before any anonymize.
 * HELD: a sweep target written but not yet released to the pipeline (its ticket is still being enqueued).
 * ON_HOLD: under a legal hold ({@code hold_id} names it): nothing is sent to Dixa until the hold is released or ends.
 * REOPENED: a sweep target whose conversation, read just before erasing, is no longer closed or was closed again after
 * the sweep's cutoff: not erased, nothing written to Dixa; a later sweep finds it again when it is due.
 */
public enum TargetState {
    HELD,
    PENDING,
    ON_HOLD,
    WAITING_FOR_CLOSE,
    AWAITING_DIXA,
    VERIFYING,
    DONE,
    FAILED,
    CANCELLED,
    REOPENED;

    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED || this == REOPENED;
    }
}
