package com.erasureworker.canary;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A canary run as the API shows it: what it created in Dixa, its ticket, and its report (null until finished). */
public record CanaryRunView(UUID id, String state, String requestedBy, Instant requestedAt, Instant startedAt,
        Instant finishedAt, UUID endUserId, Long conversationId, Long openConversationId, UUID ticketId,
        String ticketRef, String failure, boolean slow, Map<String, Object> report) {

    static CanaryRunView of(CanaryRun run) {
        return new CanaryRunView(run.id, run.state.name(), run.requestedBy, run.requestedAt, run.startedAt,
                run.finishedAt, run.endUserId, run.conversationId, run.openConversationId, run.ticketId, run.ticketRef,
                run.failure, run.slow, run.report);
    }

    /** One page of runs, newest first. */
    public record Page(java.util.List<CanaryRunView> items, int page, int size, long total) {
    }
}
