package com.erasureworker.canary;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the live canary (environment CANARY_*, see README). The cron itself is read by {@link CanaryJobs}. */
@ConfigMapping(prefix = "canary")
public interface CanaryConfig {

    /** Quartz cron of scheduled canary runs, UTC; {@code off} (the default) runs it only when an admin asks. */
    @WithDefault("off")
    String cron();

    /**
     * How long the canary waits for its ticket: as long as Dixa documents processing may take (24 h). A run that
     * waits longer ends INCONCLUSIVE and slow, not FAILED: a slow Dixa has not erased wrongly.
     */
    @WithDefault("24h")
    Duration timeout();

    /** A run whose request Dixa processed (202 to processedAt) later than this is reported slow. */
    @WithDefault("2h")
    Duration slowAfter();
}
