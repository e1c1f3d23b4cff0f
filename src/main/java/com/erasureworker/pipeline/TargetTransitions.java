package com.erasureworker.pipeline;

import com.erasureworker.erasure.TargetState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The target lifecycle as one transition table, {@code (state, result) → (state, effects)}: a pure function, without
 * database or Dixa, that {@link ErasureLifecycle} (the only writer of target state) applies. A pair not in the table is
 * ignored (a late result for a target that has moved on). The diagram below is checked against the table by a test
 * ({@code TargetTransitionsTest}); {@link #diagram()} prints it.
 *
 * <pre>
 * HELD --Release--> PENDING
 * HELD --Cancel--> CANCELLED
 * PENDING --Requested--> AWAITING_DIXA
 * PENDING --Processed--> VERIFYING
 * PENDING --AlreadyAnonymized--> VERIFYING
 * PENDING --WaitingForClose--> WAITING_FOR_CLOSE
 * PENDING --Following--> AWAITING_DIXA
 * PENDING --Transient--> PENDING
 * PENDING --Permanent--> FAILED
 * PENDING --Crashed--> PENDING
 * PENDING --Cancel--> CANCELLED
 * WAITING_FOR_CLOSE --Requested--> AWAITING_DIXA
 * WAITING_FOR_CLOSE --Processed--> VERIFYING
 * WAITING_FOR_CLOSE --AlreadyAnonymized--> VERIFYING
 * WAITING_FOR_CLOSE --WaitingForClose--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Following--> AWAITING_DIXA
 * WAITING_FOR_CLOSE --Transient--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Permanent--> FAILED
 * WAITING_FOR_CLOSE --Crashed--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Cancel--> CANCELLED
 * AWAITING_DIXA --Processed--> VERIFYING
 * AWAITING_DIXA --StillQueued--> AWAITING_DIXA
 * AWAITING_DIXA --Stuck--> FAILED
 * AWAITING_DIXA --Transient--> AWAITING_DIXA
 * AWAITING_DIXA --Permanent--> FAILED
 * AWAITING_DIXA --Crashed--> AWAITING_DIXA
 * VERIFYING --Verified--> DONE
 * VERIFYING --Transient--> VERIFYING
 * VERIFYING --Permanent--> FAILED
 * VERIFYING --Crashed--> VERIFYING
 * FAILED --Retry--> (the state it failed in; PENDING when that was AWAITING_DIXA: Dixa is asked again)
 * Transient or Crashed on the last allowed attempt --> FAILED
 * </pre>
 */
final class TargetTransitions {

    /** What applying a transition does besides setting the state; {@link ErasureLifecycle} carries them out. */
    enum Effect {
        /** Keep Dixa's request id, initiatedAt and the worker's acceptedAt; record the status observation. */
        RECORD_REQUEST,
        /** Take over the Dixa request of the live target this one follows (an overlapping ticket). */
        FOLLOW,
        /** Record a status observation (and processedAt when present). */
        OBSERVE_STATUS,
        /** Next look at the time the result names (recheck, next read), or now. */
        SCHEDULE,
        /** Next look after the backoff policy's delay (never before Retry-After). */
        BACKOFF,
        COUNT_ATTEMPT,
        RESET_ATTEMPTS,
        /** Keep the reason as lastError and the state it failed in as failedStep. */
        RECORD_FAILURE,
        RECORD_VERIFICATION,
        /** Forget Dixa's previous request, so the next step asks again and a new timeout starts. */
        FORGET_REQUEST,
        /** The target ended: end the ticket when it was its last. */
        END_TICKET_IF_DONE
    }

    /** {@code effects} iterate in the enum's order (the order they are carried out in). */
    record Transition(TargetState to, Set<Effect> effects) {

        static final Transition IGNORED = new Transition(null, Set.of());

        boolean ignored() {
            return to == null;
        }
    }

    private TargetTransitions() {
    }

    /**
     * @param failedStep  where a FAILED target failed (for {@link StepResult.Retry}); may be null
     * @param lastAttempt whether a counted failure now would exhaust the target's attempts
     */
    static Transition next(TargetState from, TargetState failedStep, StepResult result, boolean lastAttempt) {
        return switch (from) {
            case HELD -> held(result);
            case PENDING, WAITING_FOR_CLOSE -> beforeRequest(from, result, lastAttempt);
            case AWAITING_DIXA -> awaiting(result, lastAttempt);
            case VERIFYING -> result instanceof StepResult.Verified
                    ? to(TargetState.DONE, Effect.RECORD_VERIFICATION, Effect.RESET_ATTEMPTS, Effect.SCHEDULE,
                            Effect.END_TICKET_IF_DONE)
                    : failure(from, result, lastAttempt);
            case FAILED -> result instanceof StepResult.Retry ? retry(failedStep) : Transition.IGNORED;
            case DONE, CANCELLED -> Transition.IGNORED;
        };
    }

    /**
     * A sweep's targets are written HELD while its ticket is enqueued, so the pipeline cannot finish the ticket before
     * its last batch is written; the sweep releases them together ({@link ErasureLifecycle#releaseHeld}).
     */
    private static Transition held(StepResult result) {
        if (result instanceof StepResult.Release) {
            return to(TargetState.PENDING, Effect.SCHEDULE);
        }
        return result instanceof StepResult.Cancel ? to(TargetState.CANCELLED) : Transition.IGNORED;
    }

    private static Transition beforeRequest(TargetState from, StepResult result, boolean lastAttempt) {
        if (result instanceof StepResult.Requested) {
            return to(TargetState.AWAITING_DIXA, Effect.RECORD_REQUEST, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.Processed) {
            return to(TargetState.VERIFYING, Effect.RECORD_REQUEST, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.AlreadyAnonymized) {
            return to(TargetState.VERIFYING, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.Following) {
            return to(TargetState.AWAITING_DIXA, Effect.FOLLOW, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.WaitingForClose) {
            return to(TargetState.WAITING_FOR_CLOSE, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.Cancel) {
            return to(TargetState.CANCELLED);
        }
        return failure(from, result, lastAttempt);
    }

    private static Transition awaiting(StepResult result, boolean lastAttempt) {
        if (result instanceof StepResult.Processed) {
            return to(TargetState.VERIFYING, Effect.OBSERVE_STATUS, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.StillQueued) {
            return to(TargetState.AWAITING_DIXA, Effect.OBSERVE_STATUS, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.Stuck) {
            return failed();
        }
        return failure(TargetState.AWAITING_DIXA, result, lastAttempt);
    }

    /** Transient failures and crashes are tried again with backoff until the attempts run out; permanent ones end. */
    private static Transition failure(TargetState from, StepResult result, boolean lastAttempt) {
        if (result instanceof StepResult.Permanent) {
            return failed();
        }
        boolean counted = result instanceof StepResult.Crashed
                || result instanceof StepResult.Transient t && t.countsAsAttempt();
        if (result instanceof StepResult.Transient && !counted) {
            return to(from, Effect.RECORD_FAILURE, Effect.BACKOFF);
        }
        if (!counted) {
            return Transition.IGNORED;
        }
        return lastAttempt ? failed(Effect.COUNT_ATTEMPT)
                : to(from, Effect.COUNT_ATTEMPT, Effect.RECORD_FAILURE, Effect.BACKOFF);
    }

    private static Transition retry(TargetState failedStep) {
        TargetState resume = failedStep == null || failedStep == TargetState.AWAITING_DIXA
                ? TargetState.PENDING : failedStep;
        return failedStep == TargetState.AWAITING_DIXA
                ? to(resume, Effect.RESET_ATTEMPTS, Effect.FORGET_REQUEST, Effect.SCHEDULE)
                : to(resume, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
    }

    private static Transition failed(Effect... more) {
        Set<Effect> effects = EnumSet.of(Effect.RECORD_FAILURE, Effect.SCHEDULE, Effect.END_TICKET_IF_DONE);
        effects.addAll(List.of(more));
        return new Transition(TargetState.FAILED, Collections.unmodifiableSet(effects));
    }

    private static Transition to(TargetState state, Effect... effects) {
        Set<Effect> set = EnumSet.noneOf(Effect.class);
        set.addAll(List.of(effects));
        return new Transition(state, Collections.unmodifiableSet(set));
    }

    /** One sample of every result kind, for the diagram and the exhaustive tests. */
    static List<StepResult> samples() {
        return List.of(new StepResult.Requested(null), new StepResult.Processed(null),
                new StepResult.AlreadyAnonymized(0), new StepResult.StillQueued(null, null), new StepResult.WaitingForClose("", null),
                new StepResult.Following(null, null, null, null), new StepResult.Verified(""),
                new StepResult.Stuck(""), new StepResult.Transient("", null, true), new StepResult.Permanent(""),
                new StepResult.Crashed(""), new StepResult.Retry(), new StepResult.Release(), new StepResult.Cancel());
    }

    /** The table as the lines of the diagram in this class's Javadoc (the FAILED/Retry line is written by hand). */
    static List<String> diagram() {
        List<String> lines = new ArrayList<>();
        for (TargetState from : TargetState.values()) {
            for (StepResult result : samples()) {
                Transition transition = next(from, TargetState.PENDING, result, false);
                if (!transition.ignored() && from != TargetState.FAILED) {
                    lines.add(from + " --" + result.kind() + "--> " + transition.to());
                }
            }
        }
        return lines;
    }
}
