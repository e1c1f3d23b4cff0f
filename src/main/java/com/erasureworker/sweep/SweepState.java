package com.erasureworker.sweep;

/**
 * Where a sweep run stands. A real run goes QUEUED, ENUMERATING, ENQUEUING, ERASING and then follows its ticket
 * (COMPLETED or FAILED as the ticket ends); a dry run goes from ENUMERATING straight to COMPLETED.
 */
public enum SweepState {
    QUEUED,
    ENUMERATING,
    ENQUEUING,
    ERASING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The states that hold the one "active run" slot (see the partial unique index in V4). */
    boolean active() {
        return this == QUEUED || this == ENUMERATING || this == ENQUEUING;
    }
}
