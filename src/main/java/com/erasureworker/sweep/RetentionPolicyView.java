package com.erasureworker.sweep;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The retention policy as the API shows it. */
@Schema(name = "RetentionPolicy")
public record RetentionPolicyView(
        @Schema(description = "whether the cron starts sweeps (manual triggers work either way)") boolean enabled,
        @Schema(description = "conversations closed more than this many days ago are erased", minimum = "1") int closedMoreThanDays,
        @Schema(description = "lowercase Dixa search channel names; empty = every channel") List<String> channels,
        @Schema(description = "Quartz cron expression, UTC", examples = "0 0 2 * * ?") String cron,
        @Schema(description = "most conversations one run erases; the rest waits for the next run") int maxConversationsPerRun,
        @Schema(description = "share of Dixa's rate sweeps may use while DPO work waits (0 < share <= 1)") double sweepRateShare,
        @Schema(description = "scheduled runs (and triggers without a body) only list what they would erase") boolean dryRun,
        @Schema(description = "next time the cron fires, when enabled") Instant nextScheduledRun,
        Instant updatedAt,
        String updatedBy) {
}
