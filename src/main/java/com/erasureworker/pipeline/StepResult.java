package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What happened to a target, as input to {@link TargetTransitions}: the result of a step (after its Dixa calls), of a
 * status read, or a command from outside the pipeline (a DPO's retry or cancel, a crash). Immutable;
 * the kind alone decides the next state, the fields only feed the effects.
 */
sealed interface StepResult {

    /** Dixa answered 202 and has not processed the request yet. */
    record Requested(AnonymizationRequestStatus status) implements StepResult {
    }

    /** Dixa answered 202 (or a status read answered) with processedAt: the result can be verified. */
    record Processed(AnonymizationRequestStatus status) implements StepResult {
    }

    /** A status read: Dixa still has the request queued; read again at {@code nextReadAt}. */
    record StillQueued(AnonymizationRequestStatus status, Instant nextReadAt) implements StepResult {
    }

    /**
     * Dixa refused the anonymize (409) and the conversation already reads as anonymized (a repeated request where the
     * tenant answers a duplicate with 409, {@code DIXA_DUPLICATE_ANONYMIZE=conflict}): nothing to ask, verify it.
     */
    record AlreadyAnonymized(long conversationId) implements StepResult { // 0 for an end user
    }

    /** Conversations are not closed and the close policy says wait; look again at {@code recheckAt}. */
    record WaitingForClose(String reason, Instant recheckAt) implements StepResult {
    }

    /** Another live target already asked Dixa for the same conversation: this one follows that request. */
    record Following(java.util.UUID leader, java.util.UUID dixaRequestId, Instant initiatedAt, Instant acceptedAt)
            implements StepResult {
    }

    /** The result was read back (or deliberately not: sampled out, not applicable). */
    record Verified(String verification) implements StepResult {
    }

    /** Dixa did not process the request within the processing timeout. */
    record Stuck(String reason) implements StepResult {
    }

    /**
     * Dixa may hold a request this target cannot follow: an anonymize call went out and its answer was lost (a
     * timeout, a 5xx, a 202 without a request id; {@code countsAsAttempt}), or Dixa answered 409 for a conversation
     * that reads closed and not anonymized (likely queued; no attempt). Nothing is asked again before {@code until}
     * (null: keep the target's); the step reads again at {@code lookAgainAt}.
     */
    record Unconfirmed(String reason, Instant until, Instant lookAgainAt, boolean countsAsAttempt)
            implements StepResult {
    }

    /** Worth trying again later; {@code countsAsAttempt} is false for a local rate-budget miss. */
    record Transient(String reason, Duration retryAfter, boolean countsAsAttempt) implements StepResult {
    }

    /** Trying again cannot succeed (unknown entity, refused token, missing agent). */
    record Permanent(String reason) implements StepResult {
    }

    /** The step threw (a bug, or the database went away): counted as an attempt, like a transient failure. */
    record Crashed(String errorType) implements StepResult {
    }

    /** A Dixa write was held back because processing is paused: the target stays where it is, due again on resume. */
    record Paused() implements StepResult {
    }

    /** The target's entity is under an active legal hold: nothing is sent; looked at again at {@code recheckAt}. */
    record OnHold(java.util.UUID holdId, Instant recheckAt) implements StepResult {
    }

    /** No active hold covers an ON_HOLD target any more (released, or its end date passed). */
    record HoldLifted() implements StepResult {
    }

    /** A DPO resumes a FAILED target. */
    record Retry() implements StepResult {
    }

    /** A sweep ticket is fully enqueued: its held targets go to the pipeline. */
    record Release() implements StepResult {
    }

    /**
     * A sweep target's conversation, read before erasing, is open again or was last closed after the sweep's cutoff:
     * it is left alone (no Dixa write).
     */
    record Reopened(String reason) implements StepResult {
    }

    /** A DPO cancels the ticket before any anonymize call. */
    record Cancel() implements StepResult {
    }

    /** The kind name, as written in the diagram. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
