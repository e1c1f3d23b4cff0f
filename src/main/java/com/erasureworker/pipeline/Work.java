package com.erasureworker.pipeline;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable snapshot of a claimed target and its ticket: what a step needs, read before any Dixa call, including
 * the conversations the worker already noted or closed for it (never done twice).
 */
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
        String subjectHash,
        Instant graceUntil,
        Instant unconfirmedUntil,
        Instant processedAt,
        Instant closedBefore,
        Set<Long> noted,
        Set<Long> closed) {

    Work {
        noted = Set.copyOf(noted);
        closed = Set.copyOf(closed);
    }

    static Work of(ErasureTarget target, ErasureRequest request, Set<Long> noted, Set<Long> closed) {
        return new Work(target.id, request.id, request.ticketRef, request.closePolicy, target.type, target.priority,
                target.state, target.conversationId, target.messageId, target.endUserId, request.subjectHash,
                target.graceUntil, target.unconfirmedUntil, target.processedAt, request.closedBefore, noted, closed);
    }
}
