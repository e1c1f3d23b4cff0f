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
     * How long the canary's ticket may take before the run is failed. Dixa says processing can take up to 24 h under
     * load; a canary that waits longer than this reports the processing time as the problem.
     */
    @WithDefault("2h")
    Duration timeout();
}
