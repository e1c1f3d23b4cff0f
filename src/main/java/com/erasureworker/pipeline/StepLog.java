package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A step's notebook while it talks to Dixa: every Dixa call goes through {@link #call}, which first renews the
 * claim's lease (and stops the step, by {@link Lease.LostException}, when it cannot), then keeps the call for the
 * audit trail. {@link #finish} turns it into the immutable {@link StepOutcome}. Local to one step on one thread.
 */
final class StepLog {

    private final Lease lease;
    private final List<DixaCall> calls = new ArrayList<>();
    private final List<StepOutcome.Event> events = new ArrayList<>();
    private final Map<Long, Instant> notesPosted = new LinkedHashMap<>();
    private final Map<Long, Instant> closed = new LinkedHashMap<>();
    private List<Conversation> covered;
    private Instant graceUntil;

    StepLog(Lease lease) {
        this.lease = lease;
    }

    /** Makes one gateway call under a live lease, and keeps its exchanges. */
    <T> DixaOutcome<T> call(Supplier<DixaOutcome<T>> gatewayCall) {
        try {
            lease.renewOrStop();
        } catch (Lease.LostException lost) {
            throw new Lease.LostException(finish(new StepResult.Crashed("lease lost")));
        }
        DixaOutcome<T> outcome = gatewayCall.get();
        calls.addAll(outcome.calls());
        return outcome;
    }

    void event(AuditType type, Object... keyValues) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            detail.put((String) keyValues[i], keyValues[i + 1]);
        }
        events.add(new StepOutcome.Event(type, detail));
    }

    void covered(List<Conversation> conversations) {
        this.covered = conversations;
    }

    void notePosted(long conversationId, Instant at) {
        notesPosted.put(conversationId, at);
    }

    void closed(long conversationId, Instant at) {
        closed.put(conversationId, at);
    }

    void graceUntil(Instant until) {
        this.graceUntil = until;
    }

    /** Before the first anonymize call: from then on the ticket cannot be cancelled (see {@link Lease#markRequested}). */
    void beforeAnonymize() {
        try {
            lease.markRequested();
        } catch (Lease.LostException lost) {
            throw new Lease.LostException(finish(new StepResult.Crashed("lease lost")));
        }
    }

    StepOutcome finish(StepResult result) {
        return new StepOutcome(result, calls, events, covered, notesPosted, closed, graceUntil);
    }

    /** A failed gateway outcome as a result: permanent kinds end the target, the others are tried again. */
    StepOutcome failed(String what, DixaOutcome<?> outcome) {
        return finish(failure(what, outcome));
    }

    /**
     * Like {@link #failed}, but a step that got some notes posted or conversations closed before the failure made
     * progress: its transient failure does not use up an attempt (60 open conversations with a flaky note endpoint
     * still finish).
     */
    StepOutcome failedAfter(String what, DixaOutcome<?> outcome) {
        StepResult result = failure(what, outcome);
        if (result instanceof StepResult.Transient t && (!notesPosted.isEmpty() || !closed.isEmpty())) {
            result = new StepResult.Transient(t.reason(), t.retryAfter(), false);
        }
        return finish(result);
    }

    static StepResult failure(String what, DixaOutcome<?> outcome) {
        String message = what + ": " + outcome.kind() + (outcome.message() == null ? "" : " (" + outcome.message() + ")");
        if (outcome.kind().permanent()) {
            return new StepResult.Permanent(message);
        }
        boolean localBudget = outcome.kind() == DixaOutcome.Kind.RATE_LIMITED && outcome.calls().isEmpty();
        Duration retryAfter = outcome.retryAfter();
        return new StepResult.Transient(message, retryAfter, !localBudget);
    }
}
