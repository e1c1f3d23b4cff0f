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
 * Legal holds in the pipeline: before anything is sent to Dixa for a target, asks whether an active hold covers its
 * end user, its ticket's e-mail/phone (keyed hash), or its conversation; a conversation's end user is read from Dixa
 * (a read, allowed while paused) only while some hold names an end user. A covered target ends its step with
 * {@link StepResult.OnHold}; an ON_HOLD target is looked at again at the hold's end, on its release, or every
 * {@link #RECHECK}, and continues ({@link StepResult.HoldLifted}) once nothing covers it.
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
        StepLog log = new StepLog(lease);
        return before(work, log).orElseGet(() -> log.finish(new StepResult.HoldLifted()));
    }

    /** Asked first by a step that may write to Dixa: the outcome that parks the target, if a hold covers it. */
    Optional<StepOutcome> before(Work work, StepLog log) {
        List<Long> conversations = work.conversationId() == null ? List.of() : List.of(work.conversationId());
        Optional<HoldLookup.ActiveHold> hold = holds.covering(work.endUserId(), work.subjectHash(), conversations);
        if (hold.isEmpty() && work.type() != TargetType.USER && holds.anyEndUserHold()) {
            DixaOutcome<Conversation> read = log.call(() -> dixa.getConversation(work.conversationId()));
            if (read.isOk() && read.value().requesterId() != null) {
                hold = holds.covering(read.value().requesterId(), null, List.of());
            } else if (!read.isOk() && !read.kind().permanent()) {
                return Optional.of(log.failed("read the conversation's end user to check legal holds", read));
            }
        }
        return hold.map(active -> held(work, active, log));
    }

    /** For an end user whose conversations were just listed: one of them may be held on its own. */
    Optional<StepOutcome> covering(Work work, List<Long> conversationIds, StepLog log) {
        return holds.covering(null, null, conversationIds).map(active -> held(work, active, log));
    }

    private StepOutcome held(Work work, HoldLookup.ActiveHold hold, StepLog log) {
        if (work.state() != TargetState.ON_HOLD) {
            log.event(AuditType.LEGAL_HOLD_APPLIED, "holdId", hold.id().toString());
        }
        Instant recheck = Instant.now(clock).plus(RECHECK);
        if (hold.endsAt() != null && hold.endsAt().isBefore(recheck)) {
            recheck = hold.endsAt();
        }
        return log.finish(new StepResult.OnHold(hold.id(), recheck));
    }
}
