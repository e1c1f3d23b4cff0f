package com.erasureworker.pipeline;

import com.erasureworker.erasure.ClosePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a ticket's close policy asks for a target's open conversations at a given time, decided without Dixa or the
 * database: wait (after a note, or none under NEVER), or note, close and anonymize.
 */
sealed interface ClosePlan {

    /** How many conversation ids a waiting reason names (the full list is in the target's conversation rows). */
    int IDS_IN_REASON = 5;

    /** The note each open conversation gets before anything else; null under NEVER. */
    String note();

    /** The end of the grace period (WAIT_THEN_FORCE only; else null). */
    Instant graceUntil();

    /** The target waits, visibly, with this result, after {@link #note()} is on each open conversation. */
    record Wait(String note, Instant graceUntil, StepResult.WaitingForClose result) implements ClosePlan {
    }

    /** {@link #note()} on each open conversation, then each is closed and the target anonymized. */
    record Close(String note, Instant graceUntil) implements ClosePlan {
    }

    /**
     * @param graceUntil the grace end already set for the target, or null before the first look
     */
    static ClosePlan of(ClosePolicy policy, String ticketRef, List<Long> open, Instant graceUntil, Instant now,
            Duration gracePeriod, Duration recheckInterval) {
        Instant recheck = now.plus(recheckInterval);
        return switch (policy) {
            case NEVER -> new Wait(null, null, new StepResult.WaitingForClose(
                    reason(open, "close policy NEVER: waiting for an agent to close them"), recheck));
            case WAIT_THEN_FORCE -> {
                Instant until = graceUntil != null ? graceUntil : now.plus(gracePeriod);
                String note = "Data protection: this conversation will be closed and anonymized after " + until
                        + " (UTC) for data-protection ticket " + ticketRef
                        + ". Please finish and close it before then. " + marker(ticketRef);
                yield !now.isBefore(until) ? new Close(note, until) : new Wait(note, until, new StepResult.WaitingForClose(
                        reason(open, "close policy WAIT_THEN_FORCE: agents may close them until " + until),
                        recheck.isBefore(until) ? recheck : until));
            }
            case FORCE_NOW -> new Close("Data protection: this conversation is being closed and anonymized for"
                    + " data-protection ticket " + ticketRef + ". " + marker(ticketRef), null);
        };
    }

    /** In every note of the worker: finds it again without personal data (the ticket reference only). */
    static String marker(String ticketRef) {
        return "[erasure-worker:" + ticketRef + "]";
    }

    /** A bounded summary: the count and the first few ids. */
    private static String reason(List<Long> open, String policy) {
        String ids = open.stream().limit(IDS_IN_REASON).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        return open.size() + " conversation(s) not closed (" + ids + (open.size() > IDS_IN_REASON ? ", …" : "") + "); "
                + policy;
    }
}
