package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final Clock clock;

    VerifyStep(DixaClient dixa, WorkerConfig config, CoveredConversations covered, Clock clock) {
        this.dixa = dixa;
        this.config = config;
        this.covered = covered;
        this.clock = clock;
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
            // A message is not read back. Without processedAt, Dixa showed no status for its request (a 404, accepted
            // by DIXA_MESSAGE_STATUS_NOT_FOUND=accept): done on Dixa's 202 alone, and said so.
            return log.finish(new StepResult.Verified(work.type() == TargetType.MESSAGE && work.processedAt() == null
                    ? "UNCONFIRMED" : "NOT_APPLICABLE"));
        }
        for (long conversationId : conversations) {
            DixaOutcome<Conversation> read = log.conversation(conversationId);
            boolean anonymized = log.showsAnonymized(read); // a 404 counts where the tenant answers anonymized so
            if (!read.isOk() && !anonymized) {
                return log.failed("verify conversation", read);
            }
            if (!anonymized) {
                return log.finish(notYetAnonymized(work, conversationId));
            }
        }
        log.event(AuditType.VERIFIED, "conversationIds", conversations);
        return log.finish(new StepResult.Verified("VERIFIED"));
    }

    /**
     * Within {@code WORKER_VERIFY_LAG} of processedAt, Dixa may still be cascading (an end user's conversations after
     * the end user): read again later, after a share of the time since processedAt, without spending an attempt.
     */
    private StepResult notYetAnonymized(Work work, long conversationId) {
        String reason = "Dixa reported the request processed, but conversation " + conversationId
                + " shows no anonymizedAt";
        Instant now = Instant.now(clock);
        if (work.processedAt() == null || now.isAfter(work.processedAt().plus(config.verify().lag()))) {
            return new StepResult.Transient(reason, null, true);
        }
        Duration wait = StatusReads.readAgainAfter(config.poll(), Duration.between(work.processedAt(), now));
        return new StepResult.Transient(reason + " yet (read again within WORKER_VERIFY_LAG)", wait, false);
    }

    private boolean sampled(Work work) {
        double share = config.verify().share();
        return share >= 1.0 || (share > 0 && Math.floorMod(work.targetId().hashCode(), 10_000) < share * 10_000);
    }
}
