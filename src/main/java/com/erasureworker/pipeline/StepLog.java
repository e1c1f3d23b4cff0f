package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.InternalNote;
import com.erasureworker.dixa.NoteText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A step's only way to Dixa and its notebook meanwhile: every gateway call goes through {@link #call}, which first
 * renews the claim's lease (and stops the step, by {@link Lease.LostException}, when it cannot), keeps the exchanges
 * for the audit trail, and stops the step ({@link PausedException}) when the emergency pause held a write back;
 * {@link #finish} turns what was kept into the immutable {@link StepOutcome}. Local to one step on one thread.
 */
final class StepLog {

    private final Lease lease;
    private final DixaClient dixa;
    private final List<DixaCall> calls = new ArrayList<>();
    private final List<StepOutcome.Event> events = new ArrayList<>();
    private final Map<Long, Instant> notesPosted = new LinkedHashMap<>();
    private final Map<Long, Instant> closed = new LinkedHashMap<>();
    private List<Conversation> covered;
    private Instant graceUntil;

    StepLog(Lease lease, DixaClient dixa) {
        this.lease = lease;
        this.dixa = dixa;
    }

    DixaOutcome<Conversation> conversation(long conversationId) {
        return call(() -> dixa.getConversation(conversationId));
    }

    /** Whether a read shows the conversation anonymized (a 404 too, where the tenant answers so); no call. */
    boolean showsAnonymized(DixaOutcome<Conversation> read) {
        return dixa.showsAnonymized(read);
    }

    DixaOutcome<List<Conversation>> endUserConversations(UUID endUserId) {
        return call(() -> dixa.listEndUserConversations(endUserId));
    }

    DixaOutcome<?> markConversation(long conversationId, Map<UUID, Object> attributes) {
        return call(() -> dixa.patchCustomAttributes(conversationId, attributes));
    }

    DixaOutcome<List<NoteText>> internalNotes(long conversationId) {
        return call(() -> dixa.listInternalNotes(conversationId));
    }

    DixaOutcome<InternalNote> addInternalNote(long conversationId, String text, UUID agentId) {
        return call(() -> dixa.addInternalNote(conversationId, text, agentId));
    }

    DixaOutcome<Void> close(long conversationId, UUID agentId) {
        return call(() -> dixa.closeConversation(conversationId, agentId));
    }

    /** Messages have no {@code force}: a forced retry of a message is answered as still conflicting. */
    DixaOutcome<AnonymizationRequestStatus> anonymize(Work work, boolean force) {
        return call(() -> switch (work.type()) {
            case USER -> dixa.anonymizeEndUser(work.endUserId(), force);
            case CONVERSATION -> dixa.anonymizeConversation(work.conversationId(), force);
            case MESSAGE -> dixa.anonymizeMessage(work.conversationId(), work.messageId());
        });
    }

    /** Makes one gateway call under a live lease, and keeps its exchanges. */
    private <T> DixaOutcome<T> call(Supplier<DixaOutcome<T>> gatewayCall) {
        try {
            lease.renewOrStop();
        } catch (Lease.LostException lost) {
            throw new Lease.LostException(finish(new StepResult.Crashed("lease lost")));
        }
        DixaOutcome<T> outcome = gatewayCall.get();
        calls.addAll(outcome.calls());
        if (outcome.kind() == DixaOutcome.Kind.PAUSED) {
            // The emergency pause held a write back: the step stops here, whatever it was about to do next.
            throw new PausedException(finish(new StepResult.Paused()), null);
        }
        if (outcome.kind() == DixaOutcome.Kind.UNAUTHORIZED) {
            // Dixa refused the worker's token (revoked, rotated, lost its rights): every target would fail the same
            // way. The step stops where it is and processing pauses (PipelineRunner) until an operator resumes it.
            DixaCall refused = outcome.calls().get(outcome.calls().size() - 1);
            throw new PausedException(finish(new StepResult.Paused()), "Dixa refused the worker's token (HTTP "
                    + refused.status() + " on " + refused.endpoint().method() + " " + refused.endpoint().pathTemplate()
                    + "): processing paused until the token is fixed and processing resumed");
        }
        return outcome;
    }

    /**
     * Processing was paused during the step, or must be ({@code tokenRefusal}: Dixa refused the token): what the step
     * did so far is saved, and the target waits where it is.
     */
    static final class PausedException extends RuntimeException {

        private final transient StepOutcome partial;
        private final String tokenRefusal;

        PausedException(StepOutcome partial, String tokenRefusal) {
            super("processing paused", null, false, false);
            this.partial = partial;
            this.tokenRefusal = tokenRefusal;
        }

        StepOutcome partial() {
            return partial;
        }

        /** Why processing must pause now, when Dixa refused the token; null when it was paused already. */
        String tokenRefusal() {
            return tokenRefusal;
        }
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

    /** The end user's conversations as listed in this step (null when none were listed). */
    List<Conversation> coveredConversations() {
        return covered;
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

    /**
     * Whether an anonymize call went out and got no usable answer (a timeout, a reset, a 5xx, a 202 that names no
     * request): Dixa may have accepted it. A local budget miss or a pause sent nothing; 4xx answers are Dixa's word.
     */
    static boolean answerLost(DixaOutcome<?> outcome) {
        return outcome.kind() == DixaOutcome.Kind.TRANSIENT && !outcome.calls().isEmpty();
    }

    /** Dixa accepted an anonymize request: processed already, or queued. */
    static StepResult accepted(AnonymizationRequestStatus status) {
        return status.isProcessed() ? new StepResult.Processed(status) : new StepResult.Requested(status);
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
