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

    /**
     * Conversations asked per search page to start with (Dixa documents no maximum); a run halves it on a 400 for the
     * first page of a window and keeps the smaller size.
     */
    @WithDefault("100")
    int pageSize();

    /**
     * How deep one search may page (hits of one query). A window that would go deeper is split in two: Dixa's search
     * (an index behind it) refuses deep paging, and the limit is not documented.
     */
    @WithDefault("10000")
    int searchDepth();

    /**
     * An incremental run searches ClosedDate from the last fully enumerated cutoff minus this much, for conversations
     * Dixa indexed late (search index lag) or closed in the same instant as the old cutoff.
     */
    @WithDefault("1h")
    Duration watermarkOverlap();

    /** Targets written per transaction when a run becomes a ticket. */
    @WithDefault("1000")
    int enqueueBatchSize();

    /** How long the rate governor trusts its last look at the policy's share and at waiting DPO work. */
    @WithDefault("1s")
    Duration fairnessRefresh();
}
