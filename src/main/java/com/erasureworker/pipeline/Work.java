package com.erasureworker.pipeline;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import java.time.Instant;
import java.util.UUID;

/** An immutable snapshot of a claimed target and its ticket: what a step needs, read before any Dixa call. */
record Work(
        UUID targetId,
        UUID requestId,
        String ticketRef,
        ClosePolicy closePolicy,
        TargetType type,
        int priority,
        TargetState state,
        Long conversationId,
        UUID messageId,
        UUID endUserId,
        UUID dixaRequestId,
        Instant acceptedAt,
        Instant notePostedAt,
        Instant graceUntil,
        String leaseOwner) {

    static Work of(ErasureTarget target, ErasureRequest request) {
        return new Work(target.id, request.id, request.ticketRef, request.closePolicy, target.type, target.priority, target.state,
                target.conversationId, target.messageId, target.endUserId, target.dixaRequestId, target.acceptedAt,
                target.notePostedAt, target.graceUntil, target.leaseOwner);
    }
}
