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
            TargetState.PENDING, Map.of("Requested", TargetState.AWAITING_DIXA, "Processed", TargetState.VERIFYING,
                    "AlreadyAnonymized", TargetState.VERIFYING, "WaitingForClose", TargetState.WAITING_FOR_CLOSE, "Following", TargetState.AWAITING_DIXA,
                    "Transient", TargetState.PENDING, "Permanent", TargetState.FAILED, "Crashed", TargetState.PENDING,
                    "Cancel", TargetState.CANCELLED),
            TargetState.WAITING_FOR_CLOSE, Map.of("Requested", TargetState.AWAITING_DIXA,
                    "Processed", TargetState.VERIFYING, "AlreadyAnonymized", TargetState.VERIFYING,
                    "WaitingForClose", TargetState.WAITING_FOR_CLOSE,
                    "Following", TargetState.AWAITING_DIXA, "Transient", TargetState.WAITING_FOR_CLOSE,
                    "Permanent", TargetState.FAILED, "Crashed", TargetState.WAITING_FOR_CLOSE,
                    "Cancel", TargetState.CANCELLED),
            TargetState.AWAITING_DIXA, Map.of("Processed", TargetState.VERIFYING,
                    "StillQueued", TargetState.AWAITING_DIXA, "Stuck", TargetState.FAILED,
                    "Transient", TargetState.AWAITING_DIXA, "Permanent", TargetState.FAILED,
                    "Crashed", TargetState.AWAITING_DIXA),
            TargetState.VERIFYING, Map.of("Verified", TargetState.DONE, "Transient", TargetState.VERIFYING,
                    "Permanent", TargetState.FAILED, "Crashed", TargetState.VERIFYING),
            TargetState.FAILED, Map.of("Retry", TargetState.PENDING),
            TargetState.DONE, Map.of(),
            TargetState.CANCELLED, Map.of());

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
                .containsExactly(Effect.RECORD_REQUEST, Effect.SCHEDULE, Effect.RESET_ATTEMPTS);
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
    void theDiagramInTheJavadocIsTheTable() throws Exception {
        String source = Files.readString(Path.of("src/main/java/com/erasureworker/pipeline/TargetTransitions.java"));
        String block = source.substring(source.indexOf("<pre>") + 5, source.indexOf("</pre>"));
        List<String> documented = new ArrayList<>(block.lines().map(line -> line.replaceFirst("^\\s*\\*\\s?", "").trim())
                .filter(line -> line.contains("-->") && !line.startsWith("FAILED --Retry") && !line.startsWith("Transient"))
                .collect(Collectors.toList()));
        assertThat(documented).containsExactlyElementsOf(TargetTransitions.diagram());
    }
}
