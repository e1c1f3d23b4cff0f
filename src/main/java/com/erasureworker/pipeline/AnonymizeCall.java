package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The anonymize phase: asks Dixa to anonymize at once when no conversation is known to be open. Dixa does not say
 * what a 409 means, so for a conversation or message the conversation is then read once: only one that Dixa shows as
 * open is handed over to the open-conversation policy. An end user's 409 means a listed conversation was reopened.
 */
@ApplicationScoped
class AnonymizeCall {

    /** Phase 4 of the anonymize step: stops with Dixa's answer, or hands over the open conversation(s). */
    Phase anonymizeUnlessOpen(Work work, Phase.Next next, StepLog log) {
        if (!next.open().isEmpty()) {
            return next;
        }
        DixaOutcome<AnonymizationRequestStatus> answer = log.anonymize(work, false);
        if (answer.isOk()) {
            return new Phase.Stop(log.finish(StepLog.accepted(answer.value())));
        }
        if (work.type() == TargetType.USER) {
            return new Phase.Stop(answer.kind() == DixaOutcome.Kind.CONFLICT
                    // A conversation was reopened between the listing and the call: list again soon.
                    ? log.finish(new StepResult.Transient(
                            "a conversation of the end user was reopened before anonymizing", null, true))
                    : log.failed("anonymize end user", answer));
        }
        if (answer.kind() != DixaOutcome.Kind.CONFLICT) {
            return new Phase.Stop(log.failed("anonymize " + work.type().name().toLowerCase(), answer));
        }
        return afterConflict(work.conversationId(), log);
    }

    /** A 409 on a conversation or message: already anonymized, asked again later, or open. */
    private static Phase afterConflict(long conversationId, StepLog log) {
        DixaOutcome<Conversation> read = log.conversation(conversationId);
        if (log.showsAnonymized(read)) {
            // The 409 meant "already anonymized" (a tenant that answers duplicates with 409): verify, ask nothing.
            log.event(AuditType.CONFLICT_ON_CLOSED, "conversationId", conversationId, "anonymized", true);
            return new Phase.Stop(log.finish(new StepResult.AlreadyAnonymized(conversationId)));
        }
        if (!read.isOk()) {
            return new Phase.Stop(log.failed("read the conversation after a 409", read));
        }
        Conversation conversation = read.value();
        if (conversation.isClosed()) {
            // The 409 meant something else (already requested, say): no note, no close; ask again later.
            log.event(AuditType.CONFLICT_ON_CLOSED, "conversationId", conversation.id(), "state", conversation.state(),
                    "anonymized", conversation.isAnonymized());
            return new Phase.Stop(log.finish(new StepResult.Transient("Dixa answered 409 although conversation "
                    + conversation.id() + " is " + conversation.state() + "; asking again later", null, true)));
        }
        return new Phase.Next(List.of(conversationId));
    }
}
