package com.erasureworker.sweep;

import com.erasureworker.pipeline.WorkerDisabled;
import io.quarkus.quartz.Nonconcurrent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Works queued and interrupted sweep runs every {@code worker.tick}, on one replica at a time cluster-wide (Quartz
 * {@code @Nonconcurrent}); the run's lease keeps any other caller off it as well. Skipped on a replica with
 * {@code worker.enabled=false}.
 */
@ApplicationScoped
class SweepJobs {

    private final SweepRunner runner;

    SweepJobs(SweepRunner runner) {
        this.runner = runner;
    }

    @Nonconcurrent
    @Scheduled(identity = "retention-sweep-runs", every = "${worker.tick:1s}", skipExecutionIf = WorkerDisabled.class)
    void runs() {
        runner.runDue();
    }
}
