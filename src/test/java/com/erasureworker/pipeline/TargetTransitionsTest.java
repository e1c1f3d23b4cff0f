package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.TargetState;
import com.erasureworker.pipeline.TargetTransitions.Effect;
import com.erasureworker.pipeline.TargetTransitions.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The transition table as a pure function: every (state, result) pair, and the Javadoc diagram against the table. */
class TargetTransitionsTest {

    /** The expected next state of every pair; a missing pair is ignored (the target stays as it is). */
    private static final Map<TargetState, Map<String, TargetState>> EXPECTED = Map.of(
            TargetState.HELD, Map.of("Release", TargetState.PENDING, "Cancel", TargetState.CANCELLED),
            TargetState.PENDING, Map.ofEntries(Map.entry("Requested", TargetState.AWAITING_DIXA),
                    Map.entry("Processed", TargetState.VERIFYING), Map.entry("AlreadyAnonymized", TargetState.VERIFYING),
                    Map.entry("WaitingForClose", TargetState.WAITING_FOR_CLOSE),
                    Map.entry("Following", TargetState.AWAITING_DIXA), Map.entry("Transient", TargetState.PENDING),
                    Map.entry("Unconfirmed", TargetState.PENDING),
                    Map.entry("Permanent", TargetState.FAILED), Map.entry("Crashed", TargetState.PENDING),
                    Map.entry("Cancel", TargetState.CANCELLED), Map.entry("Paused", TargetState.PENDING),
                    Map.entry("OnHold", TargetState.ON_HOLD), Map.entry("Reopened", TargetState.REOPENED)),
            TargetState.ON_HOLD, Map.of("OnHold", TargetState.ON_HOLD, "HoldLifted", TargetState.PENDING,
                    "Cancel", TargetState.CANCELLED, "Transient", TargetState.ON_HOLD, "Crashed", TargetState.ON_HOLD,
                    "Permanent", TargetState.FAILED),
            TargetState.WAITING_FOR_CLOSE, Map.ofEntries(Map.entry("Requested", TargetState.AWAITING_DIXA),
                    Map.entry("Processed", TargetState.VERIFYING), Map.entry("AlreadyAnonymized", TargetState.VERIFYING),
                    Map.entry("WaitingForClose", TargetState.WAITING_FOR_CLOSE),
                    Map.entry("Following", TargetState.AWAITING_DIXA), Map.entry("Transient", TargetState.WAITING_FOR_CLOSE),
                    Map.entry("Unconfirmed", TargetState.WAITING_FOR_CLOSE),
                    Map.entry("Permanent", TargetState.FAILED), Map.entry("Crashed", TargetState.WAITING_FOR_CLOSE),
                    Map.entry("Cancel", TargetState.CANCELLED), Map.entry("Paused", TargetState.WAITING_FOR_CLOSE),
                    Map.entry("OnHold", TargetState.ON_HOLD)),
            TargetState.AWAITING_DIXA, Map.of("Processed", TargetState.VERIFYING,
                    "AlreadyAnonymized", TargetState.VERIFYING, "StillQueued", TargetState.AWAITING_DIXA, "Stuck", TargetState.FAILED,
                    "Transient", TargetState.AWAITING_DIXA, "Permanent", TargetState.FAILED,
                    "Crashed", TargetState.AWAITING_DIXA),
            TargetState.VERIFYING, Map.of("Verified", TargetState.DONE, "Transient", TargetState.VERIFYING,
                    "Permanent", TargetState.FAILED, "Crashed", TargetState.VERIFYING),
            TargetState.FAILED, Map.of("Retry", TargetState.PENDING),
            TargetState.DONE, Map.of(),
            TargetState.CANCELLED, Map.of(),
            TargetState.REOPENED, Map.of());

    @Test
    void everyStateAndResultPairGoesWhereTheTableSays() {
        int pairs = 0;
        for (TargetState from : TargetState.values()) {
            for (StepResult result : TargetTransitions.samples()) {
                Transition transition = TargetTransitions.next(from, TargetState.PENDING, result, false);
                TargetState expected = EXPECTED.get(from).get(result.kind());
                assertThat(transition.to()).as(from + " + " + result.kind()).isEqualTo(expected);
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(TargetState.values().length * TargetTransitions.samples().size());
    }

    @Test
    void aCountedFailureOnTheLastAttemptEndsTheTargetAndAnUncountedOneNever() {
        for (TargetState from : List.of(TargetState.PENDING, TargetState.WAITING_FOR_CLOSE, TargetState.AWAITING_DIXA,
                TargetState.VERIFYING)) {
            assertThat(TargetTransitions.next(from, null, new StepResult.Transient("x", null, true), true).to())
                    .isEqualTo(TargetState.FAILED);
            assertThat(TargetTransitions.next(from, null, new StepResult.Crashed("x"), true).effects())
                    .contains(Effect.COUNT_ATTEMPT, Effect.RECORD_FAILURE, Effect.END_TICKET_IF_DONE);
            Transition budgetMiss = TargetTransitions.next(from, null, new StepResult.Transient("x", null, false), true);
            assertThat(budgetMiss.to()).isEqualTo(from);
            assertThat(budgetMiss.effects()).contains(Effect.BACKOFF).doesNotContain(Effect.COUNT_ATTEMPT);
        }
    }

    @Test
    void aRetryResumesWhereTheTargetFailedAndAStuckRequestIsAskedAgain() {
        StepResult retry = new StepResult.Retry();
        assertThat(TargetTransitions.next(TargetState.FAILED, TargetState.VERIFYING, retry, false).to())
                .isEqualTo(TargetState.VERIFYING);
        assertThat(TargetTransitions.next(TargetState.FAILED, TargetState.WAITING_FOR_CLOSE, retry, false).to())
                .isEqualTo(TargetState.WAITING_FOR_CLOSE);
        assertThat(TargetTransitions.next(TargetState.FAILED, null, retry, false).to()).isEqualTo(TargetState.PENDING);
        Transition stuck = TargetTransitions.next(TargetState.FAILED, TargetState.AWAITING_DIXA, retry, false);
        assertThat(stuck.to()).isEqualTo(TargetState.PENDING);
        assertThat(stuck.effects()).contains(Effect.FORGET_REQUEST, Effect.RESET_ATTEMPTS);
    }

    @Test
    void aHeldSweepTargetMovesOnlyWhenReleasedOrCancelledAndAReleaseOnlySchedulesIt() {
        for (StepResult result : TargetTransitions.samples()) {
            if (!(result instanceof StepResult.Release) && !(result instanceof StepResult.Cancel)) {
                assertThat(TargetTransitions.next(TargetState.HELD, null, result, true).ignored())
                        .as("HELD + " + result.kind()).isTrue();
            }
        }
        assertThat(TargetTransitions.next(TargetState.HELD, null, new StepResult.Release(), false).effects())
                .containsExactly(Effect.SCHEDULE);
        for (TargetState other : TargetState.values()) {
            if (other != TargetState.HELD) {
                assertThat(TargetTransitions.next(other, TargetState.PENDING, new StepResult.Release(), false).ignored())
                        .as("a release does not touch a " + other + " target").isTrue();
            }
        }
    }

    @Test
    void effectsFollowTheKindOfResult() {
        assertThat(TargetTransitions.next(TargetState.PENDING, null, new StepResult.Requested(null), false).effects())
                .containsExactly(Effect.RECORD_CLOSE_PROGRESS, Effect.RECORD_REQUEST, Effect.RESET_ATTEMPTS,
                        Effect.CLEAR_UNCONFIRMED, Effect.SCHEDULE, Effect.AUDIT_STATE_CHANGE);
        assertThat(TargetTransitions.next(TargetState.VERIFYING, null, new StepResult.Verified("V"), false).effects())
                .contains(Effect.RECORD_VERIFICATION, Effect.END_TICKET_IF_DONE);
        assertThat(TargetTransitions.next(TargetState.AWAITING_DIXA, null, new StepResult.Stuck("s"), false).effects())
                .contains(Effect.RECORD_FAILURE, Effect.END_TICKET_IF_DONE).doesNotContain(Effect.COUNT_ATTEMPT);
        assertThat(TargetTransitions.next(TargetState.PENDING, null, new StepResult.Following(null, null, null, null),
                false).effects()).contains(Effect.FOLLOW);
        assertThat(TargetTransitions.next(TargetState.DONE, null, new StepResult.Processed(null), false).ignored())
                .isTrue();
    }

    @Test
    void anUnconfirmedRequestIsKeptAndALostAnswerSpendsAnAttemptButA409DoesNot() {
        for (TargetState from : List.of(TargetState.PENDING, TargetState.WAITING_FOR_CLOSE)) {
            Transition lost = TargetTransitions.next(from, null, new StepResult.Unconfirmed("x", null, null, true), false);
            assertThat(lost.to()).isEqualTo(from);
            assertThat(lost.effects()).contains(Effect.COUNT_ATTEMPT, Effect.RECORD_UNCONFIRMED, Effect.SCHEDULE)
                    .doesNotContain(Effect.BACKOFF);
            assertThat(TargetTransitions.next(from, null, new StepResult.Unconfirmed("x", null, null, true), true).to())
                    .isEqualTo(TargetState.FAILED);
            Transition queued = TargetTransitions.next(from, null, new StepResult.Unconfirmed("x", null, null, false),
                    true);
            assertThat(queued.to()).as("a 409 for a queued request never ends the target").isEqualTo(from);
            assertThat(queued.effects()).contains(Effect.RECORD_UNCONFIRMED).doesNotContain(Effect.COUNT_ATTEMPT);
            assertThat(TargetTransitions.next(from, null, new StepResult.AlreadyAnonymized(1), false).effects())
                    .contains(Effect.CLEAR_UNCONFIRMED);
        }
        for (TargetState other : List.of(TargetState.AWAITING_DIXA, TargetState.VERIFYING, TargetState.ON_HOLD)) {
            assertThat(TargetTransitions.next(other, null, new StepResult.Unconfirmed("x", null, null, true), true)
                    .ignored()).as(other.name()).isTrue();
        }
    }

    @Test
    void aPausedWriteLeavesTheTargetDueAndAHoldParksItNamingTheHoldUntilLifted() {
        for (TargetState from : List.of(TargetState.PENDING, TargetState.WAITING_FOR_CLOSE)) {
            Transition paused = TargetTransitions.next(from, null, new StepResult.Paused(), true);
            assertThat(paused.to()).isEqualTo(from);
            assertThat(paused.effects()).containsExactly(Effect.RECORD_CLOSE_PROGRESS, Effect.SCHEDULE);
            assertThat(TargetTransitions.next(from, null, new StepResult.OnHold(null, null), false).effects())
                    .contains(Effect.RECORD_HOLD, Effect.SCHEDULE);
        }
        for (TargetState other : List.of(TargetState.AWAITING_DIXA, TargetState.VERIFYING, TargetState.DONE,
                TargetState.HELD)) {
            assertThat(TargetTransitions.next(other, null, new StepResult.OnHold(null, null), false).ignored())
                    .as("a request Dixa already has is not held back: " + other).isTrue();
        }
        Transition lifted = TargetTransitions.next(TargetState.ON_HOLD, null, new StepResult.HoldLifted(), false);
        assertThat(lifted.to()).isEqualTo(TargetState.PENDING);
        assertThat(lifted.effects()).doesNotContain(Effect.RECORD_HOLD);
    }

    @Test
    void everyStateChangeIsAuditedExceptASweepsBulkReleaseWhichTheSweepAuditsOnce() {
        for (TargetState from : TargetState.values()) {
            for (StepResult result : TargetTransitions.samples()) {
                for (boolean last : List.of(false, true)) {
                    Transition transition = TargetTransitions.next(from, TargetState.VERIFYING, result, last);
                    if (transition.ignored()) {
                        continue;
                    }
                    boolean audited = transition.effects().contains(Effect.AUDIT_STATE_CHANGE);
                    assertThat(audited).as(from + " + " + result.kind())
                            .isEqualTo(transition.to() != from && !(result instanceof StepResult.Release));
                }
            }
        }
    }

    @Test
    void aHoldIdIsKeptOnlyWhileOnHoldAndClearedOnLeaving() {
        for (StepResult result : TargetTransitions.samples()) {
            Transition transition = TargetTransitions.next(TargetState.ON_HOLD, null, result, true);
            if (!transition.ignored()) {
                assertThat(transition.effects().contains(Effect.CLEAR_HOLD)).as("ON_HOLD + " + result.kind())
                        .isEqualTo(transition.to() != TargetState.ON_HOLD);
            }
        }
        assertThat(TargetTransitions.next(TargetState.ON_HOLD, null, new StepResult.OnHold(null, null), false)
                .effects()).contains(Effect.RECORD_HOLD).doesNotContain(Effect.CLEAR_HOLD);
        assertThat(TargetTransitions.next(TargetState.PENDING, null, new StepResult.Requested(null), false).effects())
                .doesNotContain(Effect.CLEAR_HOLD, Effect.RECORD_HOLD);
    }

    @Test
    void theWaitingReasonIsKeptWhileWaitingAndTheWebhookSentOnEnteringOnly() {
        StepResult waiting = new StepResult.WaitingForClose("2 conversation(s) not closed", null);
        assertThat(TargetTransitions.next(TargetState.PENDING, null, waiting, false).effects())
                .contains(Effect.RECORD_WAITING, Effect.PUBLISH_WAITING, Effect.AUDIT_STATE_CHANGE);
        assertThat(TargetTransitions.next(TargetState.WAITING_FOR_CLOSE, null, waiting, false).effects())
                .contains(Effect.RECORD_WAITING).doesNotContain(Effect.PUBLISH_WAITING, Effect.AUDIT_STATE_CHANGE);
        for (StepResult result : TargetTransitions.samples()) {
            Transition transition = TargetTransitions.next(TargetState.WAITING_FOR_CLOSE, null, result, true);
            if (!transition.ignored()) {
                assertThat(transition.effects().contains(Effect.CLEAR_WAITING)).as("WAITING_FOR_CLOSE + " + result.kind())
                        .isEqualTo(transition.to() != TargetState.WAITING_FOR_CLOSE);
            }
        }
        assertThat(TargetTransitions.next(TargetState.WAITING_FOR_CLOSE, null, new StepResult.Transient("x", null, true),
                false).effects()).doesNotContain(Effect.CLEAR_WAITING, Effect.RECORD_WAITING);
    }

    @Test
    void whatAStepReportsAboutOpenConversationsIsKeptFromEveryStepResultBeforeTheRequestAndNeverFromACommand() {
        for (TargetState from : TargetState.values()) {
            for (StepResult result : TargetTransitions.samples()) {
                Transition transition = TargetTransitions.next(from, TargetState.PENDING, result, false);
                if (transition.ignored()) {
                    continue;
                }
                boolean command = result instanceof StepResult.Cancel || result instanceof StepResult.Retry
                        || result instanceof StepResult.Release;
                boolean beforeRequest = from == TargetState.PENDING || from == TargetState.WAITING_FOR_CLOSE;
                assertThat(transition.effects().contains(Effect.RECORD_CLOSE_PROGRESS)).as(from + " + " + result.kind())
                        .isEqualTo(beforeRequest && !command);
            }
        }
    }

    @Test
    void aRetryForgetsWhereTheTargetFailedAndAFailureRecordsIt() {
        for (TargetState failedStep : List.of(TargetState.PENDING, TargetState.AWAITING_DIXA, TargetState.VERIFYING)) {
            assertThat(TargetTransitions.next(TargetState.FAILED, failedStep, new StepResult.Retry(), false).effects())
                    .contains(Effect.CLEAR_FAILED_STEP, Effect.RESET_ATTEMPTS, Effect.AUDIT_STATE_CHANGE);
        }
        assertThat(TargetTransitions.next(TargetState.VERIFYING, null, new StepResult.Permanent("x"), false).effects())
                .contains(Effect.RECORD_FAILURE, Effect.AUDIT_STATE_CHANGE, Effect.END_TICKET_IF_DONE)
                .doesNotContain(Effect.CLEAR_FAILED_STEP);
    }

    @Test
    void wakeUpsOnlyMakeTheTargetsTheyConcernDue() {
        assertThat(TargetTransitions.woken(new WakeUp.HoldReleased(null))).containsExactly(TargetState.ON_HOLD);
        assertThat(TargetTransitions.woken(new WakeUp.ConversationClosed(1, "ConversationClosed")))
                .containsExactly(TargetState.WAITING_FOR_CLOSE);
        assertThat(TargetTransitions.woken(new WakeUp.TicketApproved(null))).doesNotContain(TargetState.HELD,
                TargetState.DONE, TargetState.FAILED, TargetState.CANCELLED).contains(TargetState.PENDING);
    }

    /** Java 17 has no exhaustive switch over a sealed type: a new kind without a row would be ignored silently. */
    @Test
    void everyPermittedKindOfResultAndWakeUpIsCoveredByTheTable() {
        assertThat(TargetTransitions.samples().stream().map(kind -> kind.getClass().getName()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(StepResult.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        for (StepResult result : TargetTransitions.samples()) {
            boolean somewhere = false;
            for (TargetState from : TargetState.values()) {
                somewhere |= !TargetTransitions.next(from, TargetState.PENDING, result, false).ignored();
            }
            assertThat(somewhere).as(result.kind() + " moves some target").isTrue();
        }
        assertThat(TargetTransitions.wakeUpSamples().stream().map(kind -> kind.getClass().getName()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(WakeUp.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        for (WakeUp wakeUp : TargetTransitions.wakeUpSamples()) {
            assertThat(TargetTransitions.woken(wakeUp)).as(wakeUp.getClass().getSimpleName()).isNotEmpty();
        }
    }

    @Test
    void theDiagramInTheJavadocIsTheTable() throws Exception {
        String source = Files.readString(Path.of("src/main/java/com/erasureworker/pipeline/TargetTransitions.java"));
        String block = source.substring(source.indexOf("<pre>") + 5, source.indexOf("</pre>"));
        List<String> documented = new ArrayList<>(block.lines().map(line -> line.replaceFirst("^\\s*\\*\\s?", "").trim())
                .filter(line -> line.contains("-->") && !line.startsWith("FAILED --Retry") && !line.startsWith("Transient"))
                .collect(Collectors.toList()));
        assertThat(documented).containsExactlyElementsOf(TargetTransitions.diagram());
    }
}
