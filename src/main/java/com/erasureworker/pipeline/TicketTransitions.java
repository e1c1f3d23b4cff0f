package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.webhook.WebhookEventType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The ticket lifecycle as one transition table, {@code (state, event) → (state, effects)}: a pure function, without
 * database, that {@link TicketLifecycle} (the only writer of ticket state) applies. {@code null} is the state of a
 * ticket not yet recorded ({@code [*]} in the diagram). A pair not in the table is refused: a person's command is then
 * answered 409 with {@link #refusal}, a late target end is ignored. Every ending writes its audit event and, where a
 * webhook event exists for it (completed, failed), publishes it, as effects of the table. The diagram is
 * {@link #diagram()}; {@code docs/state-machines.md} holds it and a test holds it against this table.
 *
 * <p>Four-eyes approval guards what is sent to Dixa: a ticket that found nothing to erase ({@code Received} with no
 * target) asks nobody for approval and ends at once as COMPLETED / NO_DATA_FOUND, with its ticket.completed webhook.
 */
final class TicketTransitions {

    /** What applying a transition does besides setting the state, in the order {@link TicketLifecycle} does it. */
    sealed interface Effect {

        /** Writes on the ticket row and on its targets (through the target lifecycle). */
        enum Write implements Effect {
            /** Cancel every target of the ticket ({@code Cancel} through the target table). */
            CANCEL_TARGETS,
            /** Every FAILED target resumes where it failed ({@code Retry} through the target table). */
            RETRY_TARGETS,
            /** The targets kept their due time while waiting: they are due now ({@code WakeUp.TicketApproved}). */
            WAKE_TARGETS,
            /** outcome, lastError and completedAt, as {@link #outcome} says. */
            RECORD_OUTCOME,
            /** Who decided (approved or rejected) and when. */
            RECORD_DECISION,
            /** A retried ticket is open again: no outcome, no completedAt. */
            REOPEN
        }

        /** One audit event of this type, with the event's actor (SYSTEM for a target end). */
        record Audit(AuditType type) implements Effect {
        }

        /** One webhook event of this type, for the ticket's source. */
        record Publish(WebhookEventType type) implements Effect {
        }
    }

    /** {@code to} is null when the pair is refused. */
    record Transition(RequestState to, List<Effect> effects) {

        static final Transition REFUSED = new Transition(null, List.of());

        boolean refused() {
            return to == null;
        }
    }

    /** What RECORD_OUTCOME writes: the outcome text, and the ticket's lastError (null clears it). */
    record Outcome(String outcome, String lastError) {
    }

    static final String NO_DATA_FOUND = "NO_DATA_FOUND";

    private TicketTransitions() {
    }

    /** @param from the ticket's state, null for a ticket being recorded */
    static Transition next(RequestState from, TicketEvent event) {
        if (from == null) {
            return event instanceof TicketEvent.Received received ? received(received) : Transition.REFUSED;
        }
        return switch (from) {
            case AWAITING_APPROVAL -> awaitingApproval(event);
            case IN_PROGRESS -> inProgress(event);
            case FAILED -> event instanceof TicketEvent.Retry
                    ? to(RequestState.IN_PROGRESS, Effect.Write.RETRY_TARGETS, Effect.Write.REOPEN,
                            audit(AuditType.TICKET_RETRIED))
                    : Transition.REFUSED;
            case COMPLETED, CANCELLED, REJECTED -> Transition.REFUSED;
        };
    }

    /** Approval is asked for only when there is something to send to Dixa. */
    private static Transition received(TicketEvent.Received received) {
        if (received.approvalRequired() && received.targets() > 0) {
            return to(RequestState.AWAITING_APPROVAL, audit(AuditType.TICKET_RECEIVED),
                    audit(AuditType.APPROVAL_REQUESTED));
        }
        return to(RequestState.IN_PROGRESS, audit(AuditType.TICKET_RECEIVED));
    }

    private static Transition awaitingApproval(TicketEvent event) {
        if (event instanceof TicketEvent.Approve) {
            return to(RequestState.IN_PROGRESS, Effect.Write.RECORD_DECISION, Effect.Write.WAKE_TARGETS,
                    audit(AuditType.TICKET_APPROVED));
        }
        if (event instanceof TicketEvent.Reject) {
            return to(RequestState.REJECTED, Effect.Write.CANCEL_TARGETS, Effect.Write.RECORD_OUTCOME,
                    Effect.Write.RECORD_DECISION, audit(AuditType.TICKET_REJECTED));
        }
        return event instanceof TicketEvent.Cancel ? cancelled() : Transition.REFUSED;
    }

    private static Transition inProgress(TicketEvent event) {
        if (event instanceof TicketEvent.NoDataFound || event instanceof TicketEvent.AllDone) {
            return to(RequestState.COMPLETED, Effect.Write.RECORD_OUTCOME, audit(AuditType.TICKET_COMPLETED),
                    publish(WebhookEventType.TICKET_COMPLETED));
        }
        if (event instanceof TicketEvent.SomeFailed) {
            return to(RequestState.FAILED, Effect.Write.RECORD_OUTCOME, audit(AuditType.TICKET_FAILED),
                    publish(WebhookEventType.TICKET_FAILED));
        }
        return event instanceof TicketEvent.Cancel ? cancelled() : Transition.REFUSED;
    }

    private static Transition cancelled() {
        return to(RequestState.CANCELLED, Effect.Write.CANCEL_TARGETS, Effect.Write.RECORD_OUTCOME,
                audit(AuditType.TICKET_CANCELLED));
    }

    /** What an ending records as the ticket's outcome; null for an event that does not end a ticket. */
    static Outcome outcome(TicketEvent event) {
        if (event instanceof TicketEvent.NoDataFound) {
            return new Outcome(NO_DATA_FOUND, null);
        }
        if (event instanceof TicketEvent.AllDone) {
            return new Outcome("ERASED", null);
        }
        if (event instanceof TicketEvent.SomeFailed failed) {
            return new Outcome(failed.failed() + " of " + failed.targets() + " targets failed", failed.lastError());
        }
        if (event instanceof TicketEvent.Reject reject) {
            return new Outcome("REJECTED", reject.reason());
        }
        return event instanceof TicketEvent.Cancel ? new Outcome("CANCELLED", null) : null;
    }

    /** Why a person's command is refused in this state (the 409's detail). */
    static String refusal(RequestState from, TicketEvent event) {
        if (event instanceof TicketEvent.Approve || event instanceof TicketEvent.Reject) {
            return "only a ticket AWAITING_APPROVAL can be approved or rejected; this one is " + from;
        }
        if (event instanceof TicketEvent.Retry) {
            return "only a FAILED ticket can be retried; this one is " + from;
        }
        return from == null ? "the ticket is not recorded" : "the ticket is already " + from;
    }

    private static Transition to(RequestState state, Effect... effects) {
        return new Transition(state, List.of(effects));
    }

    private static Effect audit(AuditType type) {
        return new Effect.Audit(type);
    }

    private static Effect publish(WebhookEventType type) {
        return new Effect.Publish(type);
    }

    /** One sample of every event kind (Received in each of its variants), for the diagram and the exhaustive tests. */
    static List<TicketEvent> samples() {
        return List.of(new TicketEvent.Received("dpo", false, 1, Map.of()),
                new TicketEvent.Received("dpo", true, 1, Map.of()), new TicketEvent.Received("dpo", true, 0, Map.of()),
                new TicketEvent.NoDataFound(), new TicketEvent.Approve("a"), new TicketEvent.Reject("a", "r", "h"),
                new TicketEvent.Cancel("dpo"), new TicketEvent.Retry("dpo"), new TicketEvent.AllDone(1),
                new TicketEvent.SomeFailed(2, 1, "e"));
    }

    /** The label of an event in the diagram: its kind, and for a ticket received for approval, that. */
    static String label(TicketEvent event) {
        return event instanceof TicketEvent.Received received && received.approvalRequired() && received.targets() > 0
                ? "Received (approval required)" : event.kind();
    }

    /** The table as Mermaid lines {@code A --> B : event}, {@code [*]} for a ticket not yet recorded; no duplicates. */
    static List<String> diagram() {
        List<RequestState> from = new ArrayList<>();
        from.add(null);
        from.addAll(List.of(RequestState.values()));
        LinkedHashSet<String> lines = new LinkedHashSet<>();
        for (RequestState state : from) {
            for (TicketEvent event : samples()) {
                Transition transition = next(state, event);
                if (!transition.refused()) {
                    lines.add((state == null ? "[*]" : state.name()) + " --> " + transition.to() + " : " + label(event));
                }
            }
        }
        return List.copyOf(lines);
    }
}
