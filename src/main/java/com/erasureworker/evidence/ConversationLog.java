package com.erasureworker.evidence;

import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.dixa.DixaCall;
import java.util.List;
import java.util.UUID;

/**
 * What Dixa answered for one erased conversation's activity log, with the calls it took, before it is saved. The
 * outcome is CAPTURED, NOT_FOUND or BAD_REQUEST (Dixa has no log to give), or UNAVAILABLE with the reason (the kind of
 * the last failure) once every attempt failed.
 */
record ConversationLog(long conversationId, UUID targetId, String outcome, String reason,
        List<ActivityLogEntry> entries, List<DixaCall> calls) {

    static final String UNAVAILABLE = "UNAVAILABLE";

    /** A conversation whose log is still to be read, with the target that erased it and the attempts failed so far. */
    record Wanted(UUID requestId, long conversationId, UUID targetId, int attempts) {
    }
}
