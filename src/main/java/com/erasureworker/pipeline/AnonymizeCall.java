package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The anonymize phase: asks Dixa to anonymize at once when no conversation is known to be open, but never blindly a
 * second time. Dixa's anonymize requests have no idempotency key, so an answer that was lost (a timeout, a 5xx, a
 * 202 without a request id) may hide an accepted request: the target then only reads whether the entity shows
 * anonymized until {@code WORKER_ANSWER_WAIT} has passed, and asks again only after that. Dixa does not say what a 409
 * means, so for a conversation or message the conversation is then read once: one that Dixa shows as open is handed
 * over to the open-conversation policy; one that reads closed and not anonymized likely has a request queued, and is
 * read (not asked) until {@code WORKER_PROCESSING_TIMEOUT} without spending attempts. An end user's 409 means a
 * listed conversation was reopened, unless every listed conversation already reads anonymized.
 */
@ApplicationScoped
class AnonymizeCall {

    private final WorkerConfig config;
    private final Clock clock;
    private final LostAnswers lostAnswers;

    AnonymizeCall(WorkerConfig config, Clock clock, LostAnswers lostAnswers) {
        this.config = config;
        this.clock = clock;
        this.lostAnswers = lostAnswers;
    }

    /** Phase 4 of the anonymize step: stops with Dixa's answer, or hands over the open conversation(s). */
    Phase anonymizeUnlessOpen(Work work, Phase.Next next, StepLog log) {
        if (!next.open().isEmpty()) {
            return next;
        }
        if (work.unconfirmedUntil() != null || next.readFirst()) {
            Phase.Stop known = readBeforeAsking(work, log);
            if (known != null) {
                return known;
            }
        }
        DixaOutcome<AnonymizationRequestStatus> answer = log.anonymize(work, false);
        if (answer.isOk()) {
            return new Phase.Stop(log.finish(StepLog.accepted(answer.value())));
        }
        if (StepLog.answerLost(answer)) {
            return new Phase.Stop(log.finish(lostAnswers.after("anonymize " + work.type().name().toLowerCase(), answer)));
        }
        if (work.type() == TargetType.USER) {
            if (answer.kind() != DixaOutcome.Kind.CONFLICT) {
                return new Phase.Stop(log.failed("anonymize end user", answer));
            }
            if (allAnonymized(log.coveredConversations())) {
                // The 409 came although every conversation of the end user already reads anonymized: nothing to ask.
                log.event(AuditType.CONFLICT_ON_CLOSED, "endUser", true, "anonymized", true);
                return new Phase.Stop(log.finish(new StepResult.AlreadyAnonymized(0)));
            }
            // A conversation was reopened between the listing and the call: list again soon.
            return new Phase.Stop(log.finish(new StepResult.Transient(
                    "a conversation of the end user was reopened before anonymizing", null, true)));
        }
        if (answer.kind() == DixaOutcome.Kind.NOT_FOUND) {
            return new Phase.Stop(afterNotFound(work, answer, log));
        }
        if (answer.kind() != DixaOutcome.Kind.CONFLICT) {
            return new Phase.Stop(log.failed("anonymize " + work.type().name().toLowerCase(), answer));
        }
        return afterConflict(work, log);
    }

    /**
     * An earlier request may be at Dixa: reads the entity first. Stops when it reads anonymized (verify it) or while
     * the earlier request still has time; null when the step may ask again.
     */
    private Phase.Stop readBeforeAsking(Work work, StepLog log) {
        boolean anonymized;
        if (work.type() == TargetType.USER) {
            anonymized = allAnonymized(log.coveredConversations());
        } else {
            DixaOutcome<Conversation> read = log.conversation(work.conversationId());
            if (!read.isOk() && !log.showsAnonymized(read)) {
                return new Phase.Stop(log.failed("read the conversation before asking Dixa again", read));
            }
            anonymized = log.showsAnonymized(read);
        }
        if (anonymized) {
            long conversationId = work.conversationId() == null ? 0 : work.conversationId(); // 0: an end user
            log.event(AuditType.EARLIER_REQUEST_APPLIED, "conversationId", conversationId);
            return new Phase.Stop(log.finish(new StepResult.AlreadyAnonymized(conversationId)));
        }
        Instant now = Instant.now(clock);
        if (work.unconfirmedUntil() != null && now.isBefore(work.unconfirmedUntil())) {
            return new Phase.Stop(log.finish(new StepResult.Unconfirmed("an earlier anonymize request may still be in "
                    + "Dixa's queue; not asked again before " + work.unconfirmedUntil(), null,
                    lostAnswers.lookAgainAt(now, work.unconfirmedUntil()), false)));
        }
        return null;
    }

    /**
     * A 404 on a conversation or message: a tenant may answer so for an entity that is already anonymized. The
     * conversation is read: anonymized → verify it; otherwise the 404 stands and the target fails.
     */
    private StepOutcome afterNotFound(Work work, DixaOutcome<?> answer, StepLog log) {
        DixaOutcome<Conversation> read = log.conversation(work.conversationId());
        if (read.isOk() && read.value().isAnonymized()) {
            log.event(AuditType.EARLIER_REQUEST_APPLIED, "conversationId", work.conversationId(), "answer", "404");
            return log.finish(new StepResult.AlreadyAnonymized(work.conversationId()));
        }
        return log.failed("anonymize " + work.type().name().toLowerCase(), answer);
    }

    /** A 409 on a conversation or message: already anonymized, likely queued already, or open. */
    private Phase afterConflict(Work work, StepLog log) {
        long conversationId = work.conversationId();
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
        if (!conversation.isClosed()) {
            return new Phase.Next(List.of(conversationId));
        }
        // Closed, not anonymized: Dixa likely has a request queued. No note, no close; read (not ask) until the
        // processing timeout, without spending attempts; past it, a 409 counts as a failed attempt again.
        log.event(AuditType.CONFLICT_ON_CLOSED, "conversationId", conversation.id(), "state", conversation.state(),
                "anonymized", conversation.isAnonymized());
        Instant now = Instant.now(clock);
        Instant until = work.unconfirmedUntil() != null ? work.unconfirmedUntil() : now.plus(config.processingTimeout());
        String reason = "Dixa answered 409 although conversation " + conversation.id() + " is " + conversation.state();
        if (!now.isBefore(until)) {
            return new Phase.Stop(log.finish(new StepResult.Transient(reason + "; asking again later", null, true)));
        }
        return new Phase.Stop(log.finish(new StepResult.Unconfirmed(reason + "; a request is likely queued, read "
                + "until " + until, until, lostAnswers.lookAgainAt(now, until), false)));
    }

    private static boolean allAnonymized(List<Conversation> conversations) {
        return conversations != null && !conversations.isEmpty()
                && conversations.stream().allMatch(Conversation::isAnonymized);
    }
}
