package com.erasureworker.canary;

import java.time.Instant;
import java.util.List;

/**
 * What a canary run learnt about the tenant: whether erasure was proven end to end, how long each leg took, Dixa's
 * answers to the questions its specification leaves open (status and message verbatim; the data is synthetic), what
 * survived the erasure, and where the worker's settings disagree with what was observed. {@code outcome} is PASSED,
 * FAILED or INCONCLUSIVE; {@code slow} says Dixa took longer than CANARY_SLOW_AFTER (or the timeout) to process.
 */
public record CanaryReport(
        boolean passed,
        String outcome,
        boolean slow,
        String failure,
        Timeline timeline,
        List<Answer> answers,
        Scope scope,
        List<String> advice) {

    /**
     * The legs of the erasure: import → Dixa's 202 → Dixa's {@code processedAt} → the worker's verification.
     * Durations in milliseconds; null where a leg was not reached.
     */
    public record Timeline(Instant importedAt, Instant acceptedAt, Instant initiatedAt, Instant processedAt,
            Instant processedSeenAt, Instant verifiedAt, Long importToAcceptedMs, Long acceptedToProcessedMs,
            Long processedToVerifiedMs, Long totalMs) {
    }

    /**
     * One question asked of Dixa.
     *
     * @param question    the open question (README, open questions number and words)
     * @param request     method and path template
     * @param status      Dixa's HTTP status, 0 when no answer came
     * @param message     Dixa's error message verbatim (scrubbed of anything like an e-mail or phone), or null
     * @param observation what the answer means, in the worker's words
     */
    public record Answer(String question, String request, int status, String message, String observation) {
    }

    /** §9.5: where the canary's marker text is still found after the erasure (null: could not be read). */
    public record Scope(Boolean markerInMessages, Boolean markerInNotes, Boolean markerInCustomAttributes,
            Boolean markerInActivityLog, Boolean nonUuidActivityAuthors) {
    }
}
