package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Asks Dixa to anonymize a target (PENDING, and again for WAITING_FOR_CLOSE). For conversations and messages it
 * tries the anonymize call straight away: a 409 already says the conversation is not closed, so no read is spent to
 * find out. For an end user it first lists the user's conversations (all pages): that records what the erasure
 * covers and shows which conversations are still open. Open conversations go to {@link OpenConversationPolicy}.
 */
@ApplicationScoped
class AnonymizeStep {

    private final DixaClient dixa;
    private final DixaConfig dixaConfig;
    private final OpenConversationPolicy policy;
    private final AnonymizationAccepted accepted;
    private final ErasureLifecycle lifecycle;

    AnonymizeStep(DixaClient dixa, DixaConfig dixaConfig, OpenConversationPolicy policy, AnonymizationAccepted accepted,
            ErasureLifecycle lifecycle) {
        this.dixa = dixa;
        this.dixaConfig = dixaConfig;
        this.policy = policy;
        this.accepted = accepted;
        this.lifecycle = lifecycle;
    }

    StepOutcome run(Work work) {
        StepOutcome out = new StepOutcome();
        if (work.type() == TargetType.USER) {
            endUser(work, out);
        } else {
            conversationOrMessage(work, out);
        }
        return out;
    }

    private void conversationOrMessage(Work work, StepOutcome out) {
        // The mark comes first: once it is set the ticket can no longer be cancelled, so no write to Dixa follows a cancel.
        if (!lifecycle.markAnonymizeRequested(work) || !markErasureAttribute(work, out)) {
            return;
        }
        DixaOutcome<AnonymizationRequestStatus> answer = anonymize(work, false);
        if (out.took(answer)) {
            accepted.record(out, answer.value());
        } else if (answer.kind() == DixaOutcome.Kind.CONFLICT) {
            policy.handleOpen(work, List.of(work.conversationId()), out, force -> anonymize(work, force));
        } else {
            out.failFrom("anonymize " + work.type().name().toLowerCase(), answer);
        }
    }

    private void endUser(Work work, StepOutcome out) {
        DixaOutcome<List<Conversation>> listed = dixa.listEndUserConversations(work.endUserId());
        if (!out.took(listed)) {
            out.failFrom("list the end user's conversations", listed);
            return;
        }
        out.covered = listed.value();
        if (work.state() == TargetState.PENDING) {
            out.event(AuditType.CONVERSATIONS_COVERED, "count", listed.value().size(),
                    "conversationIds", listed.value().stream().map(Conversation::id).limit(1000).toList());
        }
        List<Long> open = listed.value().stream()
                .filter(conversation -> !conversation.isClosed() && !conversation.isAnonymized())
                .map(Conversation::id).toList();
        if (!lifecycle.markAnonymizeRequested(work)) {
            return;
        }
        if (!open.isEmpty()) {
            policy.handleOpen(work, open, out, force -> anonymize(work, force));
            return;
        }
        DixaOutcome<AnonymizationRequestStatus> answer = anonymize(work, false);
        if (out.took(answer)) {
            accepted.record(out, answer.value());
        } else if (answer.kind() == DixaOutcome.Kind.CONFLICT) {
            // A conversation was reopened between the listing and the call: list again soon.
            out.retryLater("a conversation of the end user was reopened before anonymizing");
        } else {
            out.failFrom("anonymize end user", answer);
        }
    }

    /** Messages have no {@code force}: a forced retry of a message is answered as still conflicting. */
    private DixaOutcome<AnonymizationRequestStatus> anonymize(Work work, boolean force) {
        return switch (work.type()) {
            case USER -> dixa.anonymizeEndUser(work.endUserId(), force);
            case CONVERSATION -> dixa.anonymizeConversation(work.conversationId(), force);
            case MESSAGE -> dixa.anonymizeMessage(work.conversationId(), work.messageId());
        };
    }

    /** Optional: sets the configured conversation attribute to the ticket reference before the content goes. */
    private boolean markErasureAttribute(Work work, StepOutcome out) {
        if (dixaConfig.erasureAttributeId().isEmpty() || work.state() != TargetState.PENDING) {
            return true;
        }
        DixaOutcome<?> marked = dixa.patchCustomAttributes(work.conversationId(),
                Map.of(dixaConfig.erasureAttributeId().get(), work.ticketRef()));
        if (out.took(marked)) {
            return true;
        }
        if (marked.kind().permanent()) {
            // Marking is a courtesy to agents; a refused attribute must not stop the erasure itself.
            out.event(AuditType.CONVERSATION_OPEN, "marking", "refused: " + marked.kind());
            return true;
        }
        out.failFrom("mark the conversation with the ticket reference", marked);
        return false;
    }
}
