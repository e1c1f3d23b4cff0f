package com.erasureworker.intake;

import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket's targets read a page at a time (index (request_id[, state], created_at, id)) and counted per state by
 * one grouped query, so a sweep ticket of 100,000 targets is shown as cheaply as a ticket of three.
 */
final class TicketTargets {

    record Slice(List<TargetView> items, boolean more) {
    }

    private TicketTargets() {
    }

    static Slice page(UUID requestId, TargetState state, int page, int size) {
        List<ErasureTarget> rows = (state == null
                ? ErasureTarget.<ErasureTarget>find("requestId = ?1 order by createdAt, id", requestId)
                : ErasureTarget.<ErasureTarget>find("requestId = ?1 and state = ?2 order by createdAt, id", requestId,
                        state))
                .range(page * size, page * size + size).list();
        boolean more = rows.size() > size;
        return new Slice(rows.stream().limit(size).map(TicketTargets::view).toList(), more);
    }

    static Map<TargetState, Long> counts(UUID requestId) {
        Map<TargetState, Long> counts = new EnumMap<>(TargetState.class);
        ErasureTarget.getEntityManager()
                .createQuery("select t.state, count(t) from ErasureTarget t where t.requestId = :id group by t.state",
                        Object[].class)
                .setParameter("id", requestId).getResultList()
                .forEach(row -> counts.put((TargetState) row[0], (Long) row[1]));
        return counts;
    }

    private static TargetView view(ErasureTarget t) {
        List<Long> covered = t.type != TargetType.USER ? null
                : CoveredConversation.of(t.id).stream().map(c -> c.conversationId).toList();
        return new TargetView(t.id, t.type, t.dixaId, t.state, t.dixaRequestId, t.initiatedAt, t.processedAt,
                t.verification, t.attempts, t.lastError, t.nextAttemptAt, t.waitingReason, t.graceUntil, t.holdId,
                covered);
    }
}
