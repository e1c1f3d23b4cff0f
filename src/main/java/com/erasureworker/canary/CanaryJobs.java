package com.erasureworker.canary;

import io.quarkus.quartz.Nonconcurrent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The canary's Quartz triggers (clustered): the optional cron {@code CANARY_CRON} queues a run, and every
 * {@code WORKER_TICK} one replica at a time moves the run under way one step.
 */
@ApplicationScoped
class CanaryJobs {

    /** The identity of the job that moves the run under way (tests pause it and run {@link CanaryRunner} by hand). */
    static final String RUNS = "canary-runs";

    private final Canaries canaries;
    private final CanaryRunner runner;

    CanaryJobs(Canaries canaries, CanaryRunner runner) {
        this.canaries = canaries;
        this.runner = runner;
    }

    @Scheduled(identity = "canary-cron", cron = "${canary.cron:off}", timeZone = "UTC")
    void cron() {
        canaries.scheduled();
    }

    @Nonconcurrent
    @Scheduled(identity = RUNS, every = "${worker.tick:1s}")
    void runs() {
        runner.advance();
    }
}
