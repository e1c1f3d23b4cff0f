package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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

    StepOutcome run(Work work) {
        StepOutcome out = new StepOutcome();
        Instant now = Instant.now(clock);
        if (!sampled(work)) {
            done(out, "SAMPLED_OUT", now);
            return out;
        }
        List<Long> conversations = switch (work.type()) {
            case CONVERSATION -> List.of(work.conversationId());
            case USER -> covered.firstIds(work.targetId(), config.verify().userConversations());
            case MESSAGE -> List.of();
        };
        if (conversations.isEmpty()) {
            done(out, "NOT_APPLICABLE", now);
            return out;
        }
        for (long conversationId : conversations) {
            DixaOutcome<Conversation> read = dixa.getConversation(conversationId);
            boolean anonymized = dixa.showsAnonymized(read); // a 404 counts where the tenant answers anonymized so
            if (!out.took(read) && !anonymized) {
                out.failFrom("verify conversation", read);
                return out;
            }
            if (!anonymized) {
                out.retryLater("Dixa reported the request processed, but conversation " + conversationId
                        + " shows no anonymizedAt");
                return out;
            }
        }
        out.event(AuditType.VERIFIED, "conversationIds", conversations);
        done(out, "VERIFIED", now);
        return out;
    }

    private static void done(StepOutcome out, String verification, Instant now) {
        out.verification = verification;
        out.moveTo(TargetState.DONE, now);
    }

    private boolean sampled(Work work) {
        double share = config.verify().share();
        return share >= 1.0 || (share > 0 && Math.floorMod(work.targetId().hashCode(), 10_000) < share * 10_000);
    }
}
