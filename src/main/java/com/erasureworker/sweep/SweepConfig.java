package com.erasureworker.sweep;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How sweeps enumerate and enqueue; environment variables SWEEP_* map onto these keys (see README). What a sweep
 * erases is the retention policy's business (database, {@code /api/v1/retention-policy}), not configuration.
 */
@ConfigMapping(prefix = "sweep")
public interface SweepConfig {

    /** Conversations asked per search page (Dixa documents no maximum; the simulator caps at 500). */
    @WithDefault("500")
    int pageSize();

    /** Targets written per transaction when a run becomes a ticket. */
    @WithDefault("1000")
    int enqueueBatchSize();

    /** How long the rate governor trusts its last look at the policy's share and at waiting DPO work. */
    @WithDefault("1s")
    Duration fairnessRefresh();
}
