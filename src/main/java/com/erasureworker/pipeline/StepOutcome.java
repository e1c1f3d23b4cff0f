package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step did and found, gathered while it talks to Dixa (outside any transaction) and then saved at once by
 * {@link ErasureLifecycle#apply}. A step either moves the target ({@link #moveTo}), or fails ({@link #fail}).
 */
final class StepOutcome {

    record Event(AuditType type, Map<String, Object> detail) {
    }

    /** Why a step did not get through: permanent failures end the target, the others are tried again later. */
    record Failure(boolean permanent, String message, Duration retryAfter, boolean countsAsAttempt) {

        /** Permanent kinds end the target; the rest are retried with backoff (a local budget miss is no attempt). */
        static Failure of(String what, DixaOutcome<?> outcome) {
            String message = what + ": " + outcome.kind() + (outcome.message() == null ? "" : " (" + outcome.message() + ")");
            boolean localBudget = outcome.kind() == DixaOutcome.Kind.RATE_LIMITED && outcome.calls().isEmpty();
            return new Failure(outcome.kind().permanent(), message, outcome.retryAfter(), !localBudget);
        }
    }

    final List<DixaCall> calls = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    TargetState next;
    Instant nextAttemptAt;
    Failure failure;
    AnonymizationRequestStatus accepted;
    List<Conversation> covered;
    String waitingReason;
    Instant graceUntil;
    Instant notePostedAt;
    Instant forceClosedAt;
    String verification;

    /** Takes the calls of a gateway outcome; true when it succeeded. */
    boolean took(DixaOutcome<?> outcome) {
        calls.addAll(outcome.calls());
        return outcome.isOk();
    }

    void moveTo(TargetState state, Instant at) {
        this.next = state;
        this.nextAttemptAt = at;
    }

    void event(AuditType type, Object... keyValues) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            detail.put((String) keyValues[i], keyValues[i + 1]);
        }
        events.add(new Event(type, detail));
    }

    void fail(String message) {
        failure = new Failure(true, message, null, true);
    }

    /** Maps a failed gateway outcome: permanent kinds end the target, the rest are retried with backoff. */
    void failFrom(String what, DixaOutcome<?> outcome) {
        failure = Failure.of(what, outcome);
    }

    void retryLater(String message) {
        failure = new Failure(false, message, null, true);
    }
}
