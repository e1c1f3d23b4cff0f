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
import java.util.Optional;

/**
 * Asks Dixa to anonymize a target (PENDING, and again for WAITING_FOR_CLOSE), and returns what came of it. For
 * conversations and messages it tries the anonymize call straight away; Dixa does not say what a 409 means, so the
 * conversation is then read once: only one Dixa shows as open goes to {@link OpenConversationPolicy}. For an end user
 * it first lists the user's conversations (all pages): that records what the erasure covers and shows which are open.
 * A conversation another live target already asked Dixa about is not asked again ({@link Overlaps}).
 */
@ApplicationScoped
class AnonymizeStep {

    private final DixaClient dixa;
    private final DixaConfig dixaConfig;
    private final OpenConversationPolicy policy;
    private final Overlaps overlaps;

    AnonymizeStep(DixaClient dixa, DixaConfig dixaConfig, OpenConversationPolicy policy, Overlaps overlaps) {
        this.dixa = dixa;
        this.dixaConfig = dixaConfig;
        this.policy = policy;
        this.overlaps = overlaps;
    }

    StepOutcome run(Work work, Lease lease) {
        StepLog log = new StepLog(lease);
        return work.type() == TargetType.USER ? endUser(work, log) : conversationOrMessage(work, log);
    }

    private StepOutcome conversationOrMessage(Work work, StepLog log) {
        Optional<StepResult> follow = overlaps.earlierRequestFor(work);
        if (follow.isPresent()) {
            StepResult.Following following = (StepResult.Following) follow.get();
            log.event(AuditType.FOLLOWING_EARLIER_REQUEST, "leaderTargetId", following.leader().toString(),
                    "dixaRequestId", following.dixaRequestId().toString(), "conversationId", work.conversationId());
            return log.finish(following);
        }
        // The mark comes first: once it is set the ticket can no longer be cancelled, so no write to Dixa follows a cancel.
        log.beforeAnonymize();
        StepOutcome refused = markErasureAttribute(work, log);
        if (refused != null) {
            return refused;
        }
        DixaOutcome<AnonymizationRequestStatus> answer = log.call(() -> anonymize(work, false));
        if (answer.isOk()) {
            return log.finish(accepted(answer.value()));
        }
        if (answer.kind() != DixaOutcome.Kind.CONFLICT) {
            return log.failed("anonymize " + work.type().name().toLowerCase(), answer);
        }
        DixaOutcome<Conversation> read = log.call(() -> dixa.getConversation(work.conversationId()));
        if (dixa.showsAnonymized(read)) {
            // The 409 meant "already anonymized" (a tenant that answers duplicates with 409): verify, ask nothing.
            log.event(AuditType.CONFLICT_ON_CLOSED, "conversationId", work.conversationId(), "anonymized", true);
            return log.finish(new StepResult.AlreadyAnonymized(work.conversationId()));
        }
        if (!read.isOk()) {
            return log.failed("read the conversation after a 409", read);
        }
        Conversation conversation = read.value();
        if (conversation.isClosed()) {
            // The 409 meant something else (already requested, say): no note, no close; ask again later.
            log.event(AuditType.CONFLICT_ON_CLOSED, "conversationId", conversation.id(), "state", conversation.state(),
                    "anonymized", conversation.isAnonymized());
            return log.finish(new StepResult.Transient("Dixa answered 409 although conversation "
                    + conversation.id() + " is " + conversation.state() + "; asking again later", null, true));
        }
        return policy.handleOpen(work, List.of(work.conversationId()), log);
    }

    private StepOutcome endUser(Work work, StepLog log) {
        DixaOutcome<List<Conversation>> listed = log.call(() -> dixa.listEndUserConversations(work.endUserId()));
        if (!listed.isOk()) {
            return log.failed("list the end user's conversations", listed);
        }
        log.covered(listed.value());
        if (work.state() == TargetState.PENDING) {
            log.event(AuditType.CONVERSATIONS_COVERED, "count", listed.value().size(),
                    "conversationIds", listed.value().stream().map(Conversation::id).limit(1000).toList());
        }
        List<Long> open = listed.value().stream()
                .filter(conversation -> !conversation.isClosed() && !conversation.isAnonymized())
                .map(Conversation::id).toList();
        log.beforeAnonymize();
        if (!open.isEmpty()) {
            return policy.handleOpen(work, open, log);
        }
        DixaOutcome<AnonymizationRequestStatus> answer = log.call(() -> anonymize(work, false));
        if (answer.isOk()) {
            return log.finish(accepted(answer.value()));
        }
        if (answer.kind() == DixaOutcome.Kind.CONFLICT) {
            // A conversation was reopened between the listing and the call: list again soon.
            return log.finish(new StepResult.Transient("a conversation of the end user was reopened before anonymizing",
                    null, true));
        }
        return log.failed("anonymize end user", answer);
    }

    static StepResult accepted(AnonymizationRequestStatus status) {
        return status.isProcessed() ? new StepResult.Processed(status) : new StepResult.Requested(status);
    }

    /** Messages have no {@code force}: a forced retry of a message is answered as still conflicting. */
    DixaOutcome<AnonymizationRequestStatus> anonymize(Work work, boolean force) {
        return switch (work.type()) {
            case USER -> dixa.anonymizeEndUser(work.endUserId(), force);
            case CONVERSATION -> dixa.anonymizeConversation(work.conversationId(), force);
            case MESSAGE -> dixa.anonymizeMessage(work.conversationId(), work.messageId());
        };
    }

    /** Optional: sets the configured conversation attribute to the ticket reference before the content goes. */
    private StepOutcome markErasureAttribute(Work work, StepLog log) {
        if (dixaConfig.erasureAttributeId().isEmpty() || work.state() != TargetState.PENDING) {
            return null;
        }
        DixaOutcome<?> marked = log.call(() -> dixa.patchCustomAttributes(work.conversationId(),
                Map.of(dixaConfig.erasureAttributeId().get(), work.ticketRef())));
        if (marked.isOk()) {
            return null;
        }
        if (marked.kind().permanent()) {
            // Marking is a courtesy to agents; a refused attribute must not stop the erasure itself.
            log.event(AuditType.ATTRIBUTE_MARK_REFUSED, "conversationId", work.conversationId(),
                    "outcome", marked.kind().name());
            return null;
        }
        return log.failed("mark the conversation with the ticket reference", marked);
    }
}
