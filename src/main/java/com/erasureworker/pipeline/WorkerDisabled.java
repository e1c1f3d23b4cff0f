package com.erasureworker.pipeline;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips the pipeline's jobs (steps, status reads, sweep runs) on a replica with {@code worker.enabled=false}. A skip
 * and not a paused trigger: Quartz keeps pauses in the clustered store, so pausing would stop every replica.
 */
@Singleton
public class WorkerDisabled implements Scheduled.SkipPredicate {

    private final boolean enabled;

    WorkerDisabled(WorkerConfig config) {
        this.enabled = config.enabled();
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled;
    }
}
