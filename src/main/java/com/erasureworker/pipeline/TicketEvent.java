package com.erasureworker.pipeline;

import java.util.Map;

/**
 * What happened to a ticket, as input to {@link TicketTransitions}: its intake, a person's decision (approve, reject,
 * cancel, retry) or the end of its last target. Immutable; the kind (and, for {@link Received}, whether approval is
 * required and whether there is anything to erase) decides the next state, the fields only feed the effects.
 */
public sealed interface TicketEvent {

    /**
     * A new ticket is recorded (DPO intake, sweep, canary). {@code detail} is the TICKET_RECEIVED audit detail;
     * {@code targets} how many targets it has (0: the subject was looked up at Dixa and nothing was found).
     */
    record Received(String actor, boolean approvalRequired, long targets, Map<String, Object> detail)
            implements TicketEvent {

        public Received {
            detail = Map.copyOf(detail);
        }
    }

    /** The lookup at Dixa found nothing to erase: the ticket ends at once, as completed with NO_DATA_FOUND. */
    record NoDataFound() implements TicketEvent {
    }

    /** A second person (never the submitter) approves a ticket awaiting approval. */
    record Approve(String actor) implements TicketEvent {
    }

    /** A second person rejects a ticket awaiting approval; {@code reason} is free text (scrubbed before it is kept). */
    record Reject(String actor, String reason, String reasonHash) implements TicketEvent {
    }

    /** A DPO cancels a ticket before Dixa was asked to anonymize any of it. */
    record Cancel(String actor) implements TicketEvent {
    }

    /** A DPO resumes a FAILED ticket: its failed targets go back to where they failed. */
    record Retry(String actor) implements TicketEvent {
    }

    /** The ticket's last open target ended and none failed. */
    record AllDone(long targets) implements TicketEvent {
    }

    /** The ticket's last open target ended and {@code failed} of them failed; {@code lastError} is the first's error. */
    record SomeFailed(long targets, long failed, String lastError) implements TicketEvent {
    }

    /** The kind name, as written in the diagram. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
