package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
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
import java.util.Set;
import java.util.UUID;

/**
 * The open-conversation phase: carries out the ticket's {@link ClosePlan} on the conversations Dixa shows as open.
 * WAIT_THEN_FORCE: one internal note per conversation, then re-checks until the grace period ends, then close
 * (credited to DIXA_AGENT_ID) and anonymize. FORCE_NOW: note, close and anonymize at once. NEVER: the target waits,
 * visibly, with the reason. A note is posted at most once per conversation: the worker's notes carry a marker with the
 * ticket reference, and the conversation's notes are searched for it before posting. {@code force=true} is sent only
 * when the policy allows forcing and the conversation was reopened right after the worker closed it.
 */
@ApplicationScoped
class OpenConversationPolicy {

    private final DixaConfig dixaConfig;
    private final WorkerConfig config;
    private final Clock clock;
    private final LostAnswers lostAnswers;

    OpenConversationPolicy(DixaConfig dixaConfig, WorkerConfig config, Clock clock, LostAnswers lostAnswers) {
        this.dixaConfig = dixaConfig;
        this.config = config;
        this.clock = clock;
        this.lostAnswers = lostAnswers;
    }

    /** Phase 5, the last, of the anonymize step: waits, or closes the open conversations and anonymizes. */
    Phase closeOrWait(Work work, Phase.Next next, StepLog log) {
        List<Long> open = next.open();
        if (work.state() != TargetState.WAITING_FOR_CLOSE) {
            log.event(AuditType.CONVERSATION_OPEN, "count", open.size(),
                    "conversationIds", open.stream().limit(1000).toList(), "policy", work.closePolicy().name());
        }
        ClosePlan plan = ClosePlan.of(work.closePolicy(), work.ticketRef(), open, work.graceUntil(), Instant.now(clock),
                config.gracePeriod(), config.recheckInterval());
        if (plan.graceUntil() != null) {
            log.graceUntil(plan.graceUntil());
        }
        if (plan.note() != null) {
            StepOutcome failed = postNotes(ClosePlan.marker(work.ticketRef()), plan.note(), open, work.noted(), log);
            if (failed != null) {
                return new Phase.Stop(failed);
            }
        }
        if (plan instanceof ClosePlan.Wait wait) {
            return new Phase.Stop(log.finish(wait.result()));
        }
        return new Phase.Stop(closeAndAnonymize(work, open, log));
    }

    /** @return null when every open conversation has the worker's note, else the failed outcome */
    private StepOutcome postNotes(String marker, String text, List<Long> open, Set<Long> noted, StepLog log) {
        UUID agent = dixaConfig.agentId().orElse(null);
        for (long conversationId : open) {
            if (noted.contains(conversationId)) {
                continue;
            }
            DixaOutcome<List<NoteText>> notes = log.internalNotes(conversationId);
            if (!notes.isOk()) {
                return log.failedAfter("list the internal notes", notes);
            }
            if (notes.value().stream().anyMatch(note -> note.contains(marker))) {
                log.notePosted(conversationId, Instant.now(clock));
                log.event(AuditType.NOTE_FOUND, "conversationId", conversationId);
                continue;
            }
            DixaOutcome<InternalNote> note = log.addInternalNote(conversationId, text, agent);
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
            DixaOutcome<Void> closed = log.close(conversationId, agent);
            if (!closed.isOk()) {
                // Closed meanwhile by an agent (a tenant may answer 400 then), or our close took effect and its answer
                // was lost: a conversation that now reads closed counts as closed, and the step goes on.
                DixaOutcome<Conversation> read = log.conversation(conversationId);
                if (!read.isOk() || !(read.value().isClosed() || read.value().isAnonymized())) {
                    return log.failedAfter("close conversation", closed);
                }
                log.event(AuditType.CONVERSATION_CLOSED_MEANWHILE, "conversationId", conversationId,
                        "closeAnswer", closed.kind().name());
            } else {
                log.event(AuditType.CONVERSATION_FORCE_CLOSED, "conversationId", conversationId, "agentId",
                        agent.toString(), "policy", work.closePolicy().name());
            }
            log.closed(conversationId, Instant.now(clock));
        }
        DixaOutcome<AnonymizationRequestStatus> answer = log.anonymize(work, false);
        if (answer.kind() == DixaOutcome.Kind.CONFLICT && work.type() != TargetType.MESSAGE
                && work.closePolicy().mayForce()) {
            // Reopened between our close and the anonymize call: the policy allows forcing, so force it.
            answer = log.anonymize(work, true);
        }
        if (answer.isOk()) {
            return log.finish(StepLog.accepted(answer.value()));
        }
        if (StepLog.answerLost(answer)) {
            // Not asked again before the wait: the next step finds the conversation closed and reads it first.
            return log.finish(lostAnswers.after("anonymize after closing", answer));
        }
        if (answer.kind() == DixaOutcome.Kind.CONFLICT) {
            return log.finish(new StepResult.Transient("the conversation was reopened right after it was closed", null,
                    true));
        }
        return log.failed("anonymize after closing", answer);
    }
}
