package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one step did and found, immutable, saved at once by {@link ErasureLifecycle#apply}: its {@link StepResult}
 * (which alone decides the next state), every Dixa call made, the audit events to write, and the facts learned
 * (conversations covered, notes posted and conversations closed, per conversation).
 */
record StepOutcome(
        StepResult result,
        List<DixaCall> calls,
        List<Event> events,
        List<Conversation> covered,
        Map<Long, Instant> notesPosted,
        Map<Long, Instant> closed,
        Instant graceUntil) {

    record Event(AuditType type, Map<String, Object> detail) {
    }

    /**
     * What the step reports about a target's open conversations, kept by the table's RECORD_CLOSE_PROGRESS effect:
     * the grace period's end it decided (WAIT_THEN_FORCE), and whether it posted (or found) a note or force-closed.
     * Both times are the save's; the first note's is kept, the latest close's.
     */
    record CloseProgress(Instant graceUntil, Instant notePostedAt, Instant forceClosedAt) {

        static final CloseProgress NONE = new CloseProgress(null, null, null);
    }

    /** This outcome's {@link CloseProgress}, as of the save at {@code now}. */
    CloseProgress progress(Instant now) {
        return new CloseProgress(graceUntil, notesPosted.isEmpty() ? null : now, closed.isEmpty() ? null : now);
    }

    StepOutcome {
        calls = List.copyOf(calls);
        events = List.copyOf(events);
        covered = covered == null ? null : List.copyOf(covered);
        notesPosted = Map.copyOf(notesPosted);
        closed = Map.copyOf(closed);
    }
}
