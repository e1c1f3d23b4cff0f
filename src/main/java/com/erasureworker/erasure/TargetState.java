package com.erasureworker.erasure;

/**
 * Where a target is in its lifecycle. The transitions, and the diagram of them, are in
 * {@code pipeline.TargetTransitions} (a test holds the diagram against the table); {@code pipeline.ErasureLifecycle}
 * is the only writer. In short: (HELD →) PENDING → (WAITING_FOR_CLOSE →) AWAITING_DIXA → VERIFYING → DONE; FAILED from any
 * working state (a retry resumes where it failed, and a stuck request is asked again); CANCELLED before any anonymize.
 * HELD: a sweep target written but not yet released to the pipeline (its ticket is still being enqueued).
 */
public enum TargetState {
    HELD,
    PENDING,
    WAITING_FOR_CLOSE,
    AWAITING_DIXA,
    VERIFYING,
    DONE,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
