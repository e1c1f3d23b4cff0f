package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.InternalNote;
import com.erasureworker.dixa.NoteText;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Applies the ticket's close policy to conversations Dixa shows as open. WAIT_THEN_FORCE: one internal note per
 * conversation, then re-checks until the grace period ends, then close (credited to DIXA_AGENT_ID) and anonymize.
 * FORCE_NOW: note, close and anonymize at once. NEVER: the target waits, visibly, with the reason. A note is posted
 * at most once per conversation: the worker's notes carry a marker with the ticket reference, and the conversation's
 * notes are searched for it before posting. {@code force=true} is sent only when the policy allows forcing and the
 * conversation was reopened right after the worker closed it.
 */
@ApplicationScoped
class OpenConversationPolicy {

    private static final int IDS_IN_REASON = 5;

    private final DixaClient dixa;
    private final DixaConfig dixaConfig;
    private final WorkerConfig config;
    private final AnonymizeStep anonymize;
    private final Clock clock;

    OpenConversationPolicy(DixaClient dixa, DixaConfig dixaConfig, WorkerConfig config,
            jakarta.enterprise.inject.Instance<AnonymizeStep> anonymize, Clock clock) {
        this.dixa = dixa;
        this.dixaConfig = dixaConfig;
        this.config = config;
        this.anonymize = anonymize.get();
        this.clock = clock;
    }

    StepOutcome handleOpen(Work work, List<Long> open, StepLog log) {
        Instant now = Instant.now(clock);
        if (work.state() != TargetState.WAITING_FOR_CLOSE) {
            log.event(AuditType.CONVERSATION_OPEN, "count", open.size(),
                    "conversationIds", open.stream().limit(1000).toList(), "policy", work.closePolicy().name());
        }
        switch (work.closePolicy()) {
            case NEVER:
                return log.finish(new StepResult.WaitingForClose(reason(open, "close policy NEVER: waiting for an agent"
                        + " to close them"), now.plus(config.recheckInterval())));
            case WAIT_THEN_FORCE: {
                Instant graceUntil = work.graceUntil() != null ? work.graceUntil() : now.plus(config.gracePeriod());
                log.graceUntil(graceUntil);
                StepOutcome failed = postNotes(work, open, log, noteAfterGrace(work, graceUntil));
                if (failed != null) {
                    return failed;
                }
                if (now.isBefore(graceUntil)) {
                    Instant recheck = now.plus(config.recheckInterval());
                    return log.finish(new StepResult.WaitingForClose(reason(open, "close policy WAIT_THEN_FORCE: agents"
                            + " may close them until " + graceUntil), recheck.isBefore(graceUntil) ? recheck : graceUntil));
                }
                return closeAndAnonymize(work, open, log);
            }
            default: {
                StepOutcome failed = postNotes(work, open, log, noteNow(work));
                return failed != null ? failed : closeAndAnonymize(work, open, log);
            }
        }
    }

    /** A bounded summary: the count and the first few ids (the full list is in the target's conversation rows). */
    private static String reason(List<Long> open, String policy) {
        String ids = open.stream().limit(IDS_IN_REASON).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        return open.size() + " conversation(s) not closed (" + ids + (open.size() > IDS_IN_REASON ? ", …" : "") + "); "
                + policy;
    }

    /** @return null when every open conversation has the worker's note, else the failed outcome */
    private StepOutcome postNotes(Work work, List<Long> open, StepLog log, String text) {
        UUID agent = dixaConfig.agentId().orElse(null);
        String marker = marker(work);
        for (long conversationId : open) {
            if (work.noted().contains(conversationId)) {
                continue;
            }
            DixaOutcome<List<NoteText>> notes = log.call(() -> dixa.listInternalNotes(conversationId));
            if (!notes.isOk()) {
                return log.failedAfter("list the internal notes", notes);
            }
            if (notes.value().stream().anyMatch(note -> note.contains(marker))) {
                log.notePosted(conversationId, Instant.now(clock));
                log.event(AuditType.NOTE_FOUND, "conversationId", conversationId);
                continue;
            }
            DixaOutcome<InternalNote> note = log.call(() -> dixa.addInternalNote(conversationId, text, agent));
            if (!note.isOk()) {
                return log.failedAfter("post the internal note", note);
            }
            log.notePosted(conversationId, Instant.now(clock));
            log.event(AuditType.NOTE_POSTED, "conversationId", conversationId, "agentId", String.valueOf(agent));
        }
        return null;
    }

    private StepOutcome closeAndAnonymize(Work work, List<Long> open, StepLog log) {
        if (dixaConfig.agentId().isEmpty()) {
            return log.finish(new StepResult.Permanent(
                    "DIXA_AGENT_ID is not configured: the worker may not close conversations without an agent to credit"));
        }
        UUID agent = dixaConfig.agentId().get();
        for (long conversationId : open) {
            if (work.closed().contains(conversationId)) {
                continue;
            }
            DixaOutcome<Void> closed = log.call(() -> dixa.closeConversation(conversationId, agent));
            if (!closed.isOk()) {
                return log.failedAfter("close conversation", closed);
            }
            log.closed(conversationId, Instant.now(clock));
            log.event(AuditType.CONVERSATION_FORCE_CLOSED, "conversationId", conversationId, "agentId", agent.toString(),
                    "policy", work.closePolicy().name());
        }
        DixaOutcome<AnonymizationRequestStatus> answer = log.call(() -> anonymize.anonymize(work, false));
        if (answer.kind() == DixaOutcome.Kind.CONFLICT && work.type() != TargetType.MESSAGE
                && work.closePolicy().mayForce()) {
            // Reopened between our close and the anonymize call: the policy allows forcing, so force it.
            answer = log.call(() -> anonymize.anonymize(work, true));
        }
        if (answer.isOk()) {
            return log.finish(AnonymizeStep.accepted(answer.value()));
        }
        if (answer.kind() == DixaOutcome.Kind.CONFLICT) {
            return log.finish(new StepResult.Transient("the conversation was reopened right after it was closed", null,
                    true));
        }
        return log.failed("anonymize after closing", answer);
    }

    /** In every note of the worker: finds it again without personal data (the ticket reference only). */
    static String marker(Work work) {
        return "[erasure-worker:" + work.ticketRef() + "]";
    }

    private static String noteAfterGrace(Work work, Instant graceUntil) {
        return "Data protection: this conversation will be closed and anonymized after " + graceUntil
                + " (UTC) for data-protection ticket " + work.ticketRef()
                + ". Please finish and close it before then. " + marker(work);
    }

    private static String noteNow(Work work) {
        return "Data protection: this conversation is being closed and anonymized for data-protection ticket "
                + work.ticketRef() + ". " + marker(work);
    }
}
