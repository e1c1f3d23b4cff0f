package com.erasureworker.erasure;

/** A ticket is in progress until all its targets end; then it is terminal. */
public enum RequestState {
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this != IN_PROGRESS;
    }
}
