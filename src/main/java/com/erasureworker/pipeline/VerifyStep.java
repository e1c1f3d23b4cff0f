package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads the result back after Dixa reported processedAt: the conversation must now be the AnonymizedConversation
 * variant with {@code anonymizedAt}. End users are checked through a few of the conversations they covered.
 * Messages are not read back (a message read returns content, which the worker never fetches). A configurable share
 * of targets is verified; the choice is stable per target.
 */
@ApplicationScoped
class VerifyStep {

    private final DixaClient dixa;
    private final WorkerConfig config;
    private final CoveredConversations covered;

    VerifyStep(DixaClient dixa, WorkerConfig config, CoveredConversations covered) {
        this.dixa = dixa;
        this.config = config;
        this.covered = covered;
    }

    StepOutcome run(Work work, Lease lease) {
        StepLog log = new StepLog(lease, dixa);
        if (!sampled(work)) {
            return log.finish(new StepResult.Verified("SAMPLED_OUT"));
        }
        List<Long> conversations = switch (work.type()) {
            case CONVERSATION -> List.of(work.conversationId());
            case USER -> covered.firstIds(work.targetId(), config.verify().userConversations());
            case MESSAGE -> List.of();
        };
        if (conversations.isEmpty()) {
            return log.finish(new StepResult.Verified("NOT_APPLICABLE"));
        }
        for (long conversationId : conversations) {
            DixaOutcome<Conversation> read = log.conversation(conversationId);
            boolean anonymized = log.showsAnonymized(read); // a 404 counts where the tenant answers anonymized so
            if (!read.isOk() && !anonymized) {
                return log.failed("verify conversation", read);
            }
            if (!anonymized) {
                return log.finish(new StepResult.Transient("Dixa reported the request processed, but conversation "
                        + conversationId + " shows no anonymizedAt", null, true));
            }
        }
        log.event(AuditType.VERIFIED, "conversationIds", conversations);
        return log.finish(new StepResult.Verified("VERIFIED"));
    }

    private boolean sampled(Work work) {
        double share = config.verify().share();
        return share >= 1.0 || (share > 0 && Math.floorMod(work.targetId().hashCode(), 10_000) < share * 10_000);
    }
}
