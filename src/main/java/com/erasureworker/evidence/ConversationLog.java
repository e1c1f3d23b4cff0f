package com.erasureworker.evidence;

import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.dixa.DixaCall;
import java.util.List;
import java.util.UUID;

/** What Dixa answered for one erased conversation's activity log, with the calls it took, before it is saved. */
record ConversationLog(long conversationId, UUID targetId, String outcome, List<ActivityLogEntry> entries,
        List<DixaCall> calls) {

    /** A conversation of a ticket whose log is still to be read, with the target that erased it. */
    record Wanted(long conversationId, UUID targetId) {
    }
}
