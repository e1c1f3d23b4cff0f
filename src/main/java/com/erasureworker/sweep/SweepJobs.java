package com.erasureworker.sweep;

import io.quarkus.quartz.Nonconcurrent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Works queued and interrupted sweep runs every {@code worker.tick}, on one replica at a time cluster-wide (Quartz
 * {@code @Nonconcurrent}); the run's lease keeps any other caller off it as well.
 */
@ApplicationScoped
class SweepJobs {

    private final SweepRunner runner;

    SweepJobs(SweepRunner runner) {
        this.runner = runner;
    }

    @Nonconcurrent
    @Scheduled(identity = "retention-sweep-runs", every = "${worker.tick:1s}")
    void runs() {
        runner.runIfEnabled();
    }
}
