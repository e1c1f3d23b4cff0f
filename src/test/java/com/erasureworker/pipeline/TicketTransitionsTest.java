package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.TicketTransitions.Effect;
import com.erasureworker.pipeline.TicketTransitions.Transition;
import com.erasureworker.webhook.WebhookEventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ticket table as a pure function: every (state, event) pair, allowed with its new state and effects, or refused. */
class TicketTransitionsTest {

    private static final TicketEvent RECEIVED = new TicketEvent.Received("dpo", false, 2, Map.of());
    private static final TicketEvent RECEIVED_FOR_APPROVAL = new TicketEvent.Received("dpo", true, 2, Map.of());
    private static final TicketEvent RECEIVED_NOTHING_TO_APPROVE = new TicketEvent.Received("dpo", true, 0, Map.of());
    private static final TicketEvent NO_DATA = new TicketEvent.NoDataFound();
    private static final TicketEvent APPROVE = new TicketEvent.Approve("second");
    private static final TicketEvent REJECT = new TicketEvent.Reject("second", "not lawful", "hash");
    private static final TicketEvent CANCEL = new TicketEvent.Cancel("dpo");
    private static final TicketEvent RETRY = new TicketEvent.Retry("dpo");
    private static final TicketEvent ALL_DONE = new TicketEvent.AllDone(3);
    private static final TicketEvent SOME_FAILED = new TicketEvent.SomeFailed(3, 1, "anonymize: PERMANENT");

    private static final Effect RECEIVED_AUDIT = new Effect.Audit(AuditType.TICKET_RECEIVED);
    private static final Effect COMPLETED_AUDIT = new Effect.Audit(AuditType.TICKET_COMPLETED);
    private static final Effect COMPLETED_WEBHOOK = new Effect.Publish(WebhookEventType.TICKET_COMPLETED);
    private static final Effect CANCELLED_AUDIT = new Effect.Audit(AuditType.TICKET_CANCELLED);

    /** Every allowed pair with its new state and exact effects; every other pair is refused. */
    private static Map<RequestState, Map<TicketEvent, Transition>> expected() {
        Map<RequestState, Map<TicketEvent, Transition>> table = new HashMap<>();
        table.put(null, Map.of(
                RECEIVED, new Transition(RequestState.IN_PROGRESS, List.of(RECEIVED_AUDIT)),
                RECEIVED_FOR_APPROVAL, new Transition(RequestState.AWAITING_APPROVAL,
                        List.of(RECEIVED_AUDIT, new Effect.Audit(AuditType.APPROVAL_REQUESTED))),
                RECEIVED_NOTHING_TO_APPROVE, new Transition(RequestState.IN_PROGRESS, List.of(RECEIVED_AUDIT))));
        table.put(RequestState.AWAITING_APPROVAL, Map.of(
                APPROVE, new Transition(RequestState.IN_PROGRESS, List.of(Effect.Write.RECORD_DECISION,
                        Effect.Write.WAKE_TARGETS, new Effect.Audit(AuditType.TICKET_APPROVED))),
                REJECT, new Transition(RequestState.REJECTED, List.of(Effect.Write.CANCEL_TARGETS,
                        Effect.Write.RECORD_OUTCOME, Effect.Write.RECORD_DECISION,
                        new Effect.Audit(AuditType.TICKET_REJECTED))),
                CANCEL, new Transition(RequestState.CANCELLED, List.of(Effect.Write.CANCEL_TARGETS,
                        Effect.Write.RECORD_OUTCOME, CANCELLED_AUDIT))));
        table.put(RequestState.IN_PROGRESS, Map.of(
                NO_DATA, new Transition(RequestState.COMPLETED, List.of(Effect.Write.RECORD_OUTCOME, COMPLETED_AUDIT,
                        COMPLETED_WEBHOOK)),
                ALL_DONE, new Transition(RequestState.COMPLETED, List.of(Effect.Write.RECORD_OUTCOME, COMPLETED_AUDIT,
                        COMPLETED_WEBHOOK)),
                SOME_FAILED, new Transition(RequestState.FAILED, List.of(Effect.Write.RECORD_OUTCOME,
                        new Effect.Audit(AuditType.TICKET_FAILED), new Effect.Publish(WebhookEventType.TICKET_FAILED))),
                CANCEL, new Transition(RequestState.CANCELLED, List.of(Effect.Write.CANCEL_TARGETS,
                        Effect.Write.RECORD_OUTCOME, CANCELLED_AUDIT))));
        table.put(RequestState.FAILED, Map.of(
                RETRY, new Transition(RequestState.IN_PROGRESS, List.of(Effect.Write.RETRY_TARGETS, Effect.Write.REOPEN,
                        new Effect.Audit(AuditType.TICKET_RETRIED)))));
        table.put(RequestState.COMPLETED, Map.of());
        table.put(RequestState.CANCELLED, Map.of());
        table.put(RequestState.REJECTED, Map.of());
        return table;
    }

    private static List<TicketEvent> events() {
        return List.of(RECEIVED, RECEIVED_FOR_APPROVAL, RECEIVED_NOTHING_TO_APPROVE, NO_DATA, APPROVE, REJECT, CANCEL,
                RETRY, ALL_DONE, SOME_FAILED);
    }

    private static List<RequestState> states() {
        List<RequestState> states = new ArrayList<>();
        states.add(null);
        states.addAll(Arrays.asList(RequestState.values()));
        return states;
    }

    @Test
    void everyStateAndEventPairIsAllowedWithItsEffectsOrRefused() {
        Map<RequestState, Map<TicketEvent, Transition>> expected = expected();
        int pairs = 0;
        for (RequestState from : states()) {
            for (TicketEvent event : events()) {
                Transition actual = TicketTransitions.next(from, event);
                Transition wanted = expected.get(from).get(event);
                if (wanted == null) {
                    assertThat(actual.refused()).as(from + " + " + TicketTransitions.label(event) + " is refused")
                            .isTrue();
                } else {
                    assertThat(actual).as(from + " + " + TicketTransitions.label(event)).isEqualTo(wanted);
                }
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(7 * 10);
    }

    @Test
    void theSamplesCoverEveryEventKindAndEveryVariantOfReceived() {
        assertThat(TicketTransitions.samples().stream().map(kind -> kind.getClass().getName()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(TicketEvent.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        assertThat(TicketTransitions.samples().stream().map(event -> TicketTransitions.next(null, event).to()))
                .contains(RequestState.IN_PROGRESS, RequestState.AWAITING_APPROVAL);
    }

    @Test
    void aTicketWithNothingToEraseAsksNobodyForApprovalAndEndsCompletedWithItsWebhook() {
        Transition received = TicketTransitions.next(null, RECEIVED_NOTHING_TO_APPROVE);
        assertThat(received.to()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(received.effects()).doesNotContain(new Effect.Audit(AuditType.APPROVAL_REQUESTED));
        Transition ended = TicketTransitions.next(received.to(), NO_DATA);
        assertThat(ended.to()).isEqualTo(RequestState.COMPLETED);
        assertThat(ended.effects()).contains(COMPLETED_AUDIT, COMPLETED_WEBHOOK);
        assertThat(TicketTransitions.outcome(NO_DATA)).isEqualTo(new TicketTransitions.Outcome("NO_DATA_FOUND", null));
        assertThat(TicketTransitions.next(RequestState.AWAITING_APPROVAL, NO_DATA).refused()).isTrue();
    }

    @Test
    void everyEndingWritesItsOutcomeAndAuditEventAndTheCompletedAndFailedOnesTheirWebhook() {
        for (RequestState from : states()) {
            for (TicketEvent event : events()) {
                Transition transition = TicketTransitions.next(from, event);
                if (transition.refused() || !transition.to().terminal()) {
                    continue;
                }
                assertThat(transition.effects()).as(from + " + " + event.kind())
                        .contains(Effect.Write.RECORD_OUTCOME)
                        .anyMatch(effect -> effect instanceof Effect.Audit);
                assertThat(TicketTransitions.outcome(event)).as(event.kind()).isNotNull();
                if (transition.to() == RequestState.COMPLETED || transition.to() == RequestState.FAILED) {
                    assertThat(transition.effects()).anyMatch(effect -> effect instanceof Effect.Publish);
                }
            }
        }
    }

    @Test
    void outcomesSayWhatHappened() {
        assertThat(TicketTransitions.outcome(ALL_DONE)).isEqualTo(new TicketTransitions.Outcome("ERASED", null));
        assertThat(TicketTransitions.outcome(SOME_FAILED))
                .isEqualTo(new TicketTransitions.Outcome("1 of 3 targets failed", "anonymize: PERMANENT"));
        assertThat(TicketTransitions.outcome(REJECT)).isEqualTo(new TicketTransitions.Outcome("REJECTED", "not lawful"));
        assertThat(TicketTransitions.outcome(CANCEL)).isEqualTo(new TicketTransitions.Outcome("CANCELLED", null));
        assertThat(TicketTransitions.outcome(APPROVE)).isNull();
    }

    @Test
    void aRefusedCommandSaysWhy() {
        assertThat(TicketTransitions.refusal(RequestState.IN_PROGRESS, RETRY))
                .isEqualTo("only a FAILED ticket can be retried; this one is IN_PROGRESS");
        assertThat(TicketTransitions.refusal(RequestState.IN_PROGRESS, APPROVE))
                .isEqualTo("only a ticket AWAITING_APPROVAL can be approved or rejected; this one is IN_PROGRESS");
        assertThat(TicketTransitions.refusal(RequestState.COMPLETED, CANCEL)).isEqualTo("the ticket is already COMPLETED");
    }

    @Test
    void theDiagramInRequestStateIsTheTable() throws Exception {
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/com/erasureworker/erasure/RequestState.java"));
        String block = source.substring(source.indexOf("<pre>") + 5, source.indexOf("</pre>"));
        List<String> documented = block.lines().map(line -> line.replaceFirst("^\\s*\\*\\s?", "").trim())
                .filter(line -> line.contains("-->")).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(TicketTransitions.diagram());
    }
}
