package com.erasureworker.erasure;

/** What to do with a conversation that is not closed when its erasure is due. */
public enum ClosePolicy {
    /** Post a note, wait for agents to close it until the grace period ends, then close it and anonymize. */
    WAIT_THEN_FORCE,
    /** Post a note, close it and anonymize at once. */
    FORCE_NOW,
    /** Never close: the target waits, visibly, until an agent closes the conversation. */
    NEVER;

    public boolean mayForce() {
        return this != NEVER;
    }
}
