package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The recheck of a sweep target (its ticket has a cutoff, {@code closedBefore}): a sweep found the conversation closed
 * before the cutoff, possibly hours earlier, so it is read once more before anything is written. Only a conversation
 * still closed, last closed ({@code stateUpdatedAt} of a closed conversation) at or before the cutoff is erased;
 * one open again, or closed again since, ends REOPENED, untouched; one that already reads anonymized is verified.
 * Asked only on the target's first look (PENDING, nothing asked of Dixa yet).
 */
@ApplicationScoped
class SweepRecheck {

    /** The sweep's own phase, after the hold and before anything else: erase only what is still due. */
    Phase eraseOnlyIfStillDue(Work work, Phase.Next next, StepLog log) {
        if (work.closedBefore() == null || work.type() != TargetType.CONVERSATION
                || work.state() != TargetState.PENDING || work.unconfirmedUntil() != null) {
            return next;
        }
        DixaOutcome<Conversation> read = log.conversation(work.conversationId());
        if (log.showsAnonymized(read)) {
            return new Phase.Stop(log.finish(new StepResult.AlreadyAnonymized(work.conversationId())));
        }
        if (!read.isOk()) {
            // A conversation Dixa no longer has is the anonymize call's business (its 404 is followed by a read).
            return read.kind() == DixaOutcome.Kind.NOT_FOUND ? next
                    : new Phase.Stop(log.failed("read the conversation before the sweep erases it", read));
        }
        Conversation conversation = read.value();
        if (conversation.isClosed() && (conversation.stateUpdatedAt() == null
                || !conversation.stateUpdatedAt().isAfter(work.closedBefore()))) {
            return next;
        }
        String reason = conversation.isClosed()
                ? "closed again at " + conversation.stateUpdatedAt() + ", after the sweep's cutoff " + work.closedBefore()
                : "the conversation is " + conversation.state() + " again";
        log.event(AuditType.SWEEP_CONVERSATION_REOPENED, "conversationId", work.conversationId(), "state",
                String.valueOf(conversation.state()), "stateUpdatedAt", String.valueOf(conversation.stateUpdatedAt()),
                "cutoff", work.closedBefore().toString());
        return new Phase.Stop(log.finish(new StepResult.Reopened(reason)));
    }
}
