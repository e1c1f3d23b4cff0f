package com.erasureworker.pipeline;

import com.erasureworker.erasure.TargetState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The target lifecycle as one transition table, {@code (state, result) → (state, effects)}: a pure function, without
 * database or Dixa, that {@link ErasureLifecycle} (the only writer of target state) applies through
 * {@link TransitionEffects}. Every column a transition changes is one of its {@link Effect}s, the audit event and the
 * waiting webhook included; wake-ups from outside ({@link #woken}) only move due times. A pair not in the table is
 * ignored (a late result for a target that has moved on). The diagram below, and the Mermaid one in
 * {@code docs/state-machines.md}, are checked against the table by tests ({@code TargetTransitionsTest},
 * {@code StateDiagramsTest}); {@link #diagram()} prints it.
 *
 * <pre>
 * HELD --Release--> PENDING
 * HELD --Cancel--> CANCELLED
 * PENDING --Requested--> AWAITING_DIXA
 * PENDING --Processed--> VERIFYING
 * PENDING --AlreadyAnonymized--> VERIFYING
 * PENDING --WaitingForClose--> WAITING_FOR_CLOSE
 * PENDING --Following--> AWAITING_DIXA
 * PENDING --Unconfirmed--> PENDING
 * PENDING --Transient--> PENDING
 * PENDING --Permanent--> FAILED
 * PENDING --Crashed--> PENDING
 * PENDING --Cancel--> CANCELLED
 * PENDING --Paused--> PENDING
 * PENDING --OnHold--> ON_HOLD
 * PENDING --Reopened--> REOPENED
 * ON_HOLD --Transient--> ON_HOLD
 * ON_HOLD --Permanent--> FAILED
 * ON_HOLD --Crashed--> ON_HOLD
 * ON_HOLD --Cancel--> CANCELLED
 * ON_HOLD --OnHold--> ON_HOLD
 * ON_HOLD --HoldLifted--> PENDING
 * WAITING_FOR_CLOSE --Requested--> AWAITING_DIXA
 * WAITING_FOR_CLOSE --Processed--> VERIFYING
 * WAITING_FOR_CLOSE --AlreadyAnonymized--> VERIFYING
 * WAITING_FOR_CLOSE --WaitingForClose--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Following--> AWAITING_DIXA
 * WAITING_FOR_CLOSE --Unconfirmed--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Transient--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Permanent--> FAILED
 * WAITING_FOR_CLOSE --Crashed--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --Cancel--> CANCELLED
 * WAITING_FOR_CLOSE --Paused--> WAITING_FOR_CLOSE
 * WAITING_FOR_CLOSE --OnHold--> ON_HOLD
 * AWAITING_DIXA --Processed--> VERIFYING
 * AWAITING_DIXA --AlreadyAnonymized--> VERIFYING
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
 *
 * <p>The controls (issue 13) are transitions here, not flags elsewhere: {@code Paused} (a Dixa write held back by the
 * emergency pause) leaves a target where it is, due again as soon as claims resume; {@code OnHold} parks it in
 * ON_HOLD naming the legal hold, and {@code HoldLifted} sends it back to PENDING (a waiting-for-close target starts its
 * step again; the notes it already posted are known and not posted twice). A ticket awaiting approval is a ticket
 * state ({@code RequestState.AWAITING_APPROVAL}): its targets are not claimed until it is approved.
 */
final class TargetTransitions {

    /**
     * What applying a transition does besides setting the state; {@link TransitionEffects} carries them out, in this
     * order, and nothing else writes a target's columns (an architecture test holds that).
     */
    enum Effect {
        /**
         * Keep what the step reports about open conversations: the grace period's end (WAIT_THEN_FORCE), when the
         * worker's first note was posted, when it force-closed (from {@link StepOutcome#progress}).
         */
        RECORD_CLOSE_PROGRESS,
        /** Keep Dixa's request id, initiatedAt and the worker's acceptedAt; record the status observation. */
        RECORD_REQUEST,
        /** Take over the Dixa request of the live target this one follows (an overlapping ticket). */
        FOLLOW,
        /** Record a status observation (and processedAt when present). */
        OBSERVE_STATUS,
        COUNT_ATTEMPT,
        RESET_ATTEMPTS,
        /** Keep the reason as lastError and, when the target fails, the state it failed in as failedStep. */
        RECORD_FAILURE,
        RECORD_VERIFICATION,
        /** Forget Dixa's previous request, so the next step asks again and a new timeout starts. */
        FORGET_REQUEST,
        /** Keep until when the step only reads before asking Dixa again ({@link StepResult.Unconfirmed}). */
        RECORD_UNCONFIRMED,
        /** Dixa's answer is known (a request, an anonymized read, a followed request): nothing is unconfirmed. */
        CLEAR_UNCONFIRMED,
        /** Keep the legal hold that keeps the target. */
        RECORD_HOLD,
        /** The target leaves ON_HOLD: no hold keeps it any more. */
        CLEAR_HOLD,
        /** Keep why the target waits for its conversations to close (a bounded summary). */
        RECORD_WAITING,
        /** The target leaves WAITING_FOR_CLOSE: it no longer waits. */
        CLEAR_WAITING,
        /** A retried target is no longer failed: forget where it failed. */
        CLEAR_FAILED_STEP,
        /** Next look at the time the result names (recheck, next read), or now. */
        SCHEDULE,
        /** Next look after the backoff policy's delay (never before Retry-After). */
        BACKOFF,
        /** One TARGET_STATE_CHANGED audit event (from, to). */
        AUDIT_STATE_CHANGE,
        /** The target.waiting_for_close webhook, once per target. */
        PUBLISH_WAITING,
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
        return withColumns(from, result, table(from, failedStep, result, lastAttempt));
    }

    /**
     * The effects every transition of a kind has, whatever its pair: the state-change audit event (but for a sweep's
     * release: one audit event for the whole release is the sweep's own), leaving ON_HOLD or WAITING_FOR_CLOSE clears
     * what they kept, and a step on a target that may have open conversations keeps what it reports about them.
     */
    private static Transition withColumns(TargetState from, StepResult result, Transition transition) {
        if (transition.ignored()) {
            return transition;
        }
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        effects.addAll(transition.effects());
        if (transition.to() != from && !(result instanceof StepResult.Release)) {
            effects.add(Effect.AUDIT_STATE_CHANGE);
        }
        if (from == TargetState.ON_HOLD && transition.to() != TargetState.ON_HOLD) {
            effects.add(Effect.CLEAR_HOLD);
        }
        if (from == TargetState.WAITING_FOR_CLOSE && transition.to() != TargetState.WAITING_FOR_CLOSE) {
            effects.add(Effect.CLEAR_WAITING);
        }
        boolean beforeRequest = from == TargetState.PENDING || from == TargetState.WAITING_FOR_CLOSE;
        if (beforeRequest && !isCommand(result)) {
            effects.add(Effect.RECORD_CLOSE_PROGRESS);
        }
        if (beforeRequest && (transition.to() == TargetState.AWAITING_DIXA || transition.to() == TargetState.VERIFYING)) {
            effects.add(Effect.CLEAR_UNCONFIRMED);
        }
        return new Transition(transition.to(), Collections.unmodifiableSet(effects));
    }

    /** A result that comes from a person or a sweep, not from a step: it carries nothing learned at Dixa. */
    private static boolean isCommand(StepResult result) {
        return result instanceof StepResult.Cancel || result instanceof StepResult.Retry
                || result instanceof StepResult.Release;
    }

    private static Transition table(TargetState from, TargetState failedStep, StepResult result, boolean lastAttempt) {
        return switch (from) {
            case HELD -> held(result);
            case ON_HOLD -> onHold(result, lastAttempt);
            case PENDING, WAITING_FOR_CLOSE -> beforeRequest(from, result, lastAttempt);
            case AWAITING_DIXA -> awaiting(result, lastAttempt);
            case VERIFYING -> result instanceof StepResult.Verified
                    ? to(TargetState.DONE, Effect.RECORD_VERIFICATION, Effect.RESET_ATTEMPTS, Effect.SCHEDULE,
                            Effect.END_TICKET_IF_DONE)
                    : failure(from, result, lastAttempt);
            case FAILED -> result instanceof StepResult.Retry ? retry(failedStep) : Transition.IGNORED;
            case DONE, CANCELLED, REOPENED -> Transition.IGNORED;
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

    /** A target under a legal hold is only looked at to see whether the hold still holds; nothing goes to Dixa. */
    private static Transition onHold(StepResult result, boolean lastAttempt) {
        if (result instanceof StepResult.OnHold) {
            return to(TargetState.ON_HOLD, Effect.RECORD_HOLD, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.HoldLifted) {
            return to(TargetState.PENDING, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.Cancel) {
            return to(TargetState.CANCELLED);
        }
        return failure(TargetState.ON_HOLD, result, lastAttempt);
    }

    private static Transition beforeRequest(TargetState from, StepResult result, boolean lastAttempt) {
        if (result instanceof StepResult.Paused) {
            return to(from, Effect.SCHEDULE);
        }
        if (result instanceof StepResult.OnHold) {
            return to(TargetState.ON_HOLD, Effect.RECORD_HOLD, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
        }
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
            return from == TargetState.WAITING_FOR_CLOSE
                    ? to(TargetState.WAITING_FOR_CLOSE, Effect.RESET_ATTEMPTS, Effect.RECORD_WAITING, Effect.SCHEDULE)
                    : to(TargetState.WAITING_FOR_CLOSE, Effect.RESET_ATTEMPTS, Effect.RECORD_WAITING, Effect.SCHEDULE,
                            Effect.PUBLISH_WAITING);
        }
        if (result instanceof StepResult.Cancel) {
            return to(TargetState.CANCELLED);
        }
        if (result instanceof StepResult.Reopened && from == TargetState.PENDING) {
            // Only before any anonymize: the sweep's recheck is the step's first read.
            return to(TargetState.REOPENED, Effect.RECORD_FAILURE, Effect.SCHEDULE, Effect.END_TICKET_IF_DONE);
        }
        if (result instanceof StepResult.Unconfirmed unconfirmed) {
            // No new request before the unconfirmed one had its time; a lost answer spends an attempt, a 409 does not.
            if (!unconfirmed.countsAsAttempt()) {
                return to(from, Effect.RECORD_FAILURE, Effect.RECORD_UNCONFIRMED, Effect.SCHEDULE);
            }
            return lastAttempt ? failed(Effect.COUNT_ATTEMPT, Effect.RECORD_UNCONFIRMED)
                    : to(from, Effect.COUNT_ATTEMPT, Effect.RECORD_FAILURE, Effect.RECORD_UNCONFIRMED, Effect.SCHEDULE);
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
        if (result instanceof StepResult.AlreadyAnonymized) {
            // Dixa no longer knows the request (404), but the conversation reads anonymized: verify it.
            return to(TargetState.VERIFYING, Effect.RESET_ATTEMPTS, Effect.SCHEDULE);
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
                ? to(resume, Effect.RESET_ATTEMPTS, Effect.FORGET_REQUEST, Effect.CLEAR_FAILED_STEP, Effect.SCHEDULE)
                : to(resume, Effect.RESET_ATTEMPTS, Effect.CLEAR_FAILED_STEP, Effect.SCHEDULE);
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

    /**
     * Which targets a wake-up makes due now, by state ({@link ErasureLifecycle#wake}): only their due time moves, the
     * step then looks again and this table decides. An approved ticket's targets kept their due time while waiting.
     */
    static Set<TargetState> woken(WakeUp wakeUp) {
        if (wakeUp instanceof WakeUp.HoldReleased) {
            return EnumSet.of(TargetState.ON_HOLD);
        }
        if (wakeUp instanceof WakeUp.ConversationClosed) {
            return EnumSet.of(TargetState.WAITING_FOR_CLOSE);
        }
        if (wakeUp instanceof WakeUp.TicketApproved) {
            return EnumSet.of(TargetState.PENDING, TargetState.ON_HOLD, TargetState.WAITING_FOR_CLOSE,
                    TargetState.AWAITING_DIXA, TargetState.VERIFYING);
        }
        throw new IllegalArgumentException("no wake-up rule for " + wakeUp.getClass().getSimpleName());
    }

    /** One sample of every wake-up kind, for the coverage test. */
    static List<WakeUp> wakeUpSamples() {
        return List.of(new WakeUp.HoldReleased(null), new WakeUp.TicketApproved(null),
                new WakeUp.ConversationClosed(1, "ConversationClosed"));
    }

    /** One sample of every result kind, for the diagram and the exhaustive tests. */
    static List<StepResult> samples() {
        return List.of(new StepResult.Requested(null), new StepResult.Processed(null),
                new StepResult.AlreadyAnonymized(0), new StepResult.StillQueued(null, null), new StepResult.WaitingForClose("", null),
                new StepResult.Following(null, null, null, null), new StepResult.Verified(""),
                new StepResult.Stuck(""), new StepResult.Unconfirmed("", null, null, true),
                new StepResult.Transient("", null, true), new StepResult.Permanent(""),
                new StepResult.Crashed(""), new StepResult.Retry(), new StepResult.Release(), new StepResult.Cancel(),
                new StepResult.Paused(), new StepResult.OnHold(null, null), new StepResult.HoldLifted(),
                new StepResult.Reopened(""));
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

    /**
     * The whole table as Mermaid lines {@code A --> B : result}, no duplicates: a retry once per state a target can
     * fail in, and a failure that ends the target only on its last attempt labelled so.
     */
    static List<String> mermaid() {
        Set<TargetState> canFail = EnumSet.noneOf(TargetState.class);
        for (TargetState from : TargetState.values()) {
            for (StepResult result : samples()) {
                if (from != TargetState.FAILED && next(from, null, result, true).to() == TargetState.FAILED) {
                    canFail.add(from);
                }
            }
        }
        java.util.LinkedHashSet<String> lines = new java.util.LinkedHashSet<>();
        for (TargetState from : TargetState.values()) {
            for (StepResult result : samples()) {
                for (TargetState failedStep : canFail) {
                    Transition usual = next(from, failedStep, result, false);
                    if (!usual.ignored()) {
                        lines.add(from + " --> " + usual.to() + " : " + result.kind());
                    }
                    Transition last = next(from, failedStep, result, true);
                    if (!last.ignored() && last.to() != usual.to()) {
                        lines.add(from + " --> " + last.to() + " : " + result.kind() + " (last attempt)");
                    }
                }
            }
        }
        return List.copyOf(lines);
    }
}
