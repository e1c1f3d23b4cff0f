package com.erasureworker.console;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the DPO's dashboard shows, read in one go by {@link DashboardFigures}. */
@TemplateData
public record Dashboard(
        List<StateCount> ticketsByState,
        long overdue,
        long atRisk,
        List<DueTicket> dueSoon,
        long failedTargets,
        List<TargetNeed> failed,
        long waitingTargets,
        List<TargetNeed> waiting,
        long callsLastHour,
        long tooManyRequestsLastHour,
        long limitPerMinute,
        BarChart callChart,
        long chainLength,
        String chainHash,
        Instant chainUpdatedAt,
        Instant lastVerifiedAt,
        Boolean lastVerificationValid,
        String lastVerifiedBy) {

    /** Tickets in one state; {@code percentOfLargest} (0–100) is the length of its bar. */
    @TemplateData
    public record StateCount(String state, long count, double percentOfLargest) {

        public String cssClass() {
            return "state-" + state.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A ticket overdue or due within 3 days; {@code daysLeft} is negative once overdue. */
    @TemplateData
    public record DueTicket(UUID id, String ticketRef, String state, Instant dueAt, long daysLeft) {
    }

    /** A target that needs a person (FAILED) or waits for a conversation to close. */
    @TemplateData
    public record TargetNeed(UUID requestId, String ticketRef, UUID targetId, String type, String dixaId, String note,
            Instant since) {
    }
}
