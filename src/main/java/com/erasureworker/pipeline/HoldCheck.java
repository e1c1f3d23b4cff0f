package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.controls.HoldLookup;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hold phase: parks a target ({@link StepResult.OnHold}) while an active legal hold covers its end user, its
 * ticket's e-mail/phone (keyed hash), its conversation, or, for an end user, any conversation Dixa lists for them.
 * <p>
 * It runs before anything is sent to Dixa. A conversation's end user is read from Dixa (a read, allowed while paused)
 * only while some hold names an end user. For an end user this phase lists their conversations (all pages): the list
 * records what the erasure covers, is checked against holds on single conversations, and tells the later phases which
 * are open. An ON_HOLD target is looked at again at the hold's end, on its release, or every {@link #RECHECK}
 * ({@link #recheck}), and continues ({@link StepResult.HoldLifted}) once nothing covers it.
 */
@ApplicationScoped
class HoldCheck {

    static final Duration RECHECK = Duration.ofMinutes(10);

    private final HoldLookup holds;
    private final DixaClient dixa;
    private final Clock clock;

    HoldCheck(HoldLookup holds, DixaClient dixa, Clock clock) {
        this.holds = holds;
        this.dixa = dixa;
        this.clock = clock;
    }

    /** The step of an ON_HOLD target: still held, or free to continue. */
    StepOutcome recheck(Work work, Lease lease) {
        StepLog log = new StepLog(lease, dixa);
        return held(work, log).map(Phase.Stop::outcome).orElseGet(() -> log.finish(new StepResult.HoldLifted()));
    }

    /** Phase 1 of the anonymize step: stops while a hold covers the target, else hands over what is open. */
    Phase parkIfHeld(Work work, StepLog log) {
        Optional<Phase.Stop> held = held(work, log);
        if (held.isPresent()) {
            return held.get();
        }
        if (work.type() != TargetType.USER) {
            return new Phase.Next(List.of());
        }
        DixaOutcome<List<Conversation>> listed = log.endUserConversations(work.endUserId());
        if (!listed.isOk()) {
            return new Phase.Stop(log.failed("list the end user's conversations", listed));
        }
        List<Long> ids = listed.value().stream().map(Conversation::id).toList();
        log.covered(listed.value());
        if (work.state() == TargetState.PENDING) {
            log.event(AuditType.CONVERSATIONS_COVERED, "count", ids.size(), "conversationIds",
                    ids.stream().limit(1000).toList());
        }
        Optional<HoldLookup.ActiveHold> hold = holds.covering(null, null, ids);
        if (hold.isPresent()) {
            return stop(work.state(), hold.get(), log);
        }
        return new Phase.Next(listed.value().stream()
                .filter(conversation -> !conversation.isClosed() && !conversation.isAnonymized())
                .map(Conversation::id).toList());
    }

    /** A hold on the target itself: its end user, its ticket's subject, its conversation, or its conversation's user. */
    private Optional<Phase.Stop> held(Work work, StepLog log) {
        List<Long> conversations = work.conversationId() == null ? List.of() : List.of(work.conversationId());
        Optional<HoldLookup.ActiveHold> hold = holds.covering(work.endUserId(), work.subjectHash(), conversations);
        if (hold.isEmpty() && work.type() != TargetType.USER && holds.anyEndUserHold()) {
            DixaOutcome<Conversation> read = log.conversation(work.conversationId());
            if (read.isOk() && read.value().requesterId() != null) {
                hold = holds.covering(read.value().requesterId(), null, List.of());
            } else if (!read.isOk() && !read.kind().permanent()) {
                return Optional.of(new Phase.Stop(log.failed("read the conversation's end user to check legal holds",
                        read)));
            }
        }
        return hold.map(active -> stop(work.state(), active, log));
    }

    private Phase.Stop stop(TargetState state, HoldLookup.ActiveHold hold, StepLog log) {
        if (state != TargetState.ON_HOLD) {
            log.event(AuditType.LEGAL_HOLD_APPLIED, "holdId", hold.id().toString());
        }
        return new Phase.Stop(log.finish(new StepResult.OnHold(hold.id(), recheckAt(Instant.now(clock), hold.endsAt()))));
    }

    /** When a held target is looked at again: after {@link #RECHECK}, or at the hold's end if that comes first. */
    static Instant recheckAt(Instant now, Instant holdEndsAt) {
        Instant recheck = now.plus(RECHECK);
        return holdEndsAt != null && holdEndsAt.isBefore(recheck) ? holdEndsAt : recheck;
    }
}
