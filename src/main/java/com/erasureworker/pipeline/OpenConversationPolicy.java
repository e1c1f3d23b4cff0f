package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies the ticket's close policy to conversations that are not closed. WAIT_THEN_FORCE: one internal note, then
 * re-checks until the grace period ends, then close (credited to DIXA_AGENT_ID) and anonymize. FORCE_NOW: note,
 * close and anonymize at once. NEVER: the target waits, visibly, with the reason. {@code force=true} is sent only
 * when the policy allows forcing and the conversation was reopened right after the worker closed it.
 */
@ApplicationScoped
class OpenConversationPolicy {

    private final DixaClient dixa;
    private final DixaConfig dixaConfig;
    private final WorkerConfig config;
    private final AnonymizationAccepted accepted;
    private final Clock clock;

    OpenConversationPolicy(DixaClient dixa, DixaConfig dixaConfig, WorkerConfig config, AnonymizationAccepted accepted,
            Clock clock) {
        this.dixa = dixa;
        this.dixaConfig = dixaConfig;
        this.config = config;
        this.accepted = accepted;
        this.clock = clock;
    }

    void handleOpen(Work work, List<Long> open, StepOutcome out,
            Function<Boolean, DixaOutcome<AnonymizationRequestStatus>> anonymize) {
        Instant now = Instant.now(clock);
        if (work.state() != TargetState.WAITING_FOR_CLOSE) {
            out.event(AuditType.CONVERSATION_OPEN, "conversationIds", open, "policy", work.closePolicy().name());
        }
        switch (work.closePolicy()) {
            case NEVER -> {
                out.waitingReason = open.size() + " conversation(s) not closed " + open
                        + "; close policy NEVER: waiting for an agent to close them";
                out.moveTo(TargetState.WAITING_FOR_CLOSE, now.plus(config.recheckInterval()));
            }
            case WAIT_THEN_FORCE -> {
                Instant graceUntil = work.graceUntil() != null ? work.graceUntil() : now.plus(config.gracePeriod());
                if (work.notePostedAt() == null && !postNotes(work, open, out, noteAfterGrace(work, graceUntil))) {
                    return;
                }
                out.graceUntil = graceUntil;
                if (now.isBefore(graceUntil)) {
                    out.waitingReason = open.size() + " conversation(s) not closed " + open
                            + "; close policy WAIT_THEN_FORCE: agents may close them until " + graceUntil;
                    Instant recheck = now.plus(config.recheckInterval());
                    out.moveTo(TargetState.WAITING_FOR_CLOSE, recheck.isBefore(graceUntil) ? recheck : graceUntil);
                } else {
                    closeAndAnonymize(work, open, out, anonymize);
                }
            }
            case FORCE_NOW -> {
                if (work.notePostedAt() == null && !postNotes(work, open, out, noteNow(work))) {
                    return;
                }
                closeAndAnonymize(work, open, out, anonymize);
            }
        }
    }

    private boolean postNotes(Work work, List<Long> open, StepOutcome out, String text) {
        UUID agent = dixaConfig.agentId().orElse(null);
        for (long conversationId : open) {
            DixaOutcome<?> note = dixa.addInternalNote(conversationId, text, agent);
            if (!out.took(note)) {
                out.failFrom("post the internal note", note);
                return false;
            }
            out.event(AuditType.NOTE_POSTED, "conversationId", conversationId, "agentId", String.valueOf(agent));
        }
        out.notePostedAt = Instant.now(clock);
        return true;
    }

    private void closeAndAnonymize(Work work, List<Long> open, StepOutcome out,
            Function<Boolean, DixaOutcome<AnonymizationRequestStatus>> anonymize) {
        if (dixaConfig.agentId().isEmpty()) {
            out.fail("DIXA_AGENT_ID is not configured: the worker may not close conversations without an agent to credit");
            return;
        }
        UUID agent = dixaConfig.agentId().get();
        for (long conversationId : open) {
            DixaOutcome<Void> closed = dixa.closeConversation(conversationId, agent);
            if (!out.took(closed)) {
                out.failFrom("close conversation", closed);
                return;
            }
            out.event(AuditType.CONVERSATION_FORCE_CLOSED, "conversationId", conversationId, "agentId", agent.toString(),
                    "policy", work.closePolicy().name());
        }
        out.forceClosedAt = Instant.now(clock);
        DixaOutcome<AnonymizationRequestStatus> answer = anonymize.apply(false);
        if (answer.kind() == DixaOutcome.Kind.CONFLICT && work.type() != TargetType.MESSAGE
                && work.closePolicy().mayForce()) {
            // Reopened between our close and the anonymize call: the policy allows forcing, so force it.
            out.took(answer);
            answer = anonymize.apply(true);
        }
        if (out.took(answer)) {
            accepted.record(out, answer.value());
        } else if (answer.kind() == DixaOutcome.Kind.CONFLICT) {
            out.retryLater("the conversation was reopened right after it was closed");
        } else {
            out.failFrom("anonymize after closing", answer);
        }
    }

    private String noteAfterGrace(Work work, Instant graceUntil) {
        return "Data protection: this conversation will be closed and anonymized after " + graceUntil
                + " (UTC) for data-protection ticket " + work.ticketRef()
                + ". Please finish and close it before then. (GDPR erasure worker)";
    }

    private String noteNow(Work work) {
        return "Data protection: this conversation is being closed and anonymized for data-protection ticket "
                + work.ticketRef() + ". (GDPR erasure worker)";
    }
}
