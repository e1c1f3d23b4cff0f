package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * The mark phase: records on the claim that Dixa is about to be written to, so the ticket can no longer be cancelled
 * and no write to Dixa follows a cancel, and then, when {@code DIXA_ERASURE_ATTRIBUTE_ID} is set, marks a pending
 * conversation or message target's conversation with the ticket reference before its content goes.
 */
@ApplicationScoped
class ErasureMark {

    private final DixaConfig dixaConfig;

    ErasureMark(DixaConfig dixaConfig) {
        this.dixaConfig = dixaConfig;
    }

    /** Phase 3 of the anonymize step: stops only when the attribute could not be set for a transient reason. */
    Phase markUnderWay(Work work, Phase.Next next, StepLog log) {
        log.beforeAnonymize();
        if (dixaConfig.erasureAttributeId().isEmpty() || work.type() == TargetType.USER
                || work.state() != TargetState.PENDING || work.unconfirmedUntil() != null) {
            // (an unconfirmed request means an earlier step of this target got as far as the anonymize call: marked)
            return next;
        }
        Map<UUID, Object> attribute = Map.of(dixaConfig.erasureAttributeId().get(), work.ticketRef());
        DixaOutcome<?> marked = log.markConversation(work.conversationId(), attribute);
        if (marked.isOk()) {
            return next;
        }
        if (marked.kind().permanent()) {
            // Marking is a courtesy to agents; a refused attribute must not stop the erasure itself.
            log.event(AuditType.ATTRIBUTE_MARK_REFUSED, "conversationId", work.conversationId(),
                    "outcome", marked.kind().name());
            return next;
        }
        return new Phase.Stop(log.failed("mark the conversation with the ticket reference", marked));
    }
}
