package com.erasureworker.sweep;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The cron's job: queues a sweep run with the policy's settings. Quartz fires it on one replica (clustered store);
 * the run itself is worked by {@link SweepJobs}. A firing while a run is still enumerating or enqueueing is skipped.
 */
@ApplicationScoped
@Unremovable
@DisallowConcurrentExecution
public class RetentionSweepJob implements Job {

    static final String SCHEDULER = "scheduler";

    private final SweepRuns runs;

    RetentionSweepJob(SweepRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runs.scheduled();
    }
}
