package com.erasureworker.sweep;

import java.util.List;

/** A retention policy as an admin puts it: every field already validated. */
public record PolicyChange(boolean enabled, int closedMoreThanDays, List<String> channels, String cron,
        int maxConversationsPerRun, double sweepRateShare, boolean dryRun) {

    static final String DEFAULT_CRON = "0 0 2 * * ?";
    static final int DEFAULT_MAX_CONVERSATIONS = 100_000;
    static final double DEFAULT_SHARE = 0.5;
    static final boolean DEFAULT_DRY_RUN = true;
}
