package com.erasureworker.pipeline;

import io.quarkus.quartz.Nonconcurrent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Quartz triggers that drive the pipeline (JDBC store, clustered). Step runs may overlap across replicas (leases
 * keep them off each other's targets); the status poller runs on one replica at a time, cluster-wide. A replica with
 * {@code worker.enabled=false} skips both ({@link WorkerDisabled}).
 */
@ApplicationScoped
class PipelineJobs {

    private final PipelineRunner runner;
    private final StatusPoller poller;

    PipelineJobs(PipelineRunner runner, StatusPoller poller) {
        this.runner = runner;
        this.poller = poller;
    }

    @Scheduled(identity = "erasure-steps", every = "${worker.tick:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = WorkerDisabled.class)
    void steps() {
        runner.runSteps();
    }

    @Nonconcurrent
    @Scheduled(identity = "anonymization-status", every = "${worker.tick:1s}", skipExecutionIf = WorkerDisabled.class)
    void statuses() {
        poller.pollDue();
    }
}
