package com.erasureworker.pipeline;

import static org.awaitility.Awaitility.await;

import io.quarkus.quartz.QuartzScheduler;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.quartz.SchedulerException;

/**
 * Test-only control of the jobs that call Dixa: they start paused (before Quartz fires anything), tests resume the
 * ones they exercise and {@link #stop()} pauses them again and waits until none of them is executing any more, so the
 * next test starts from a quiet pipeline. Pauses go through Quarkus' {@code Scheduler}; idleness is read from Quartz.
 */
@Singleton
public class ScheduledJobs {

    public static final String STEPS = "erasure-steps";
    public static final String STATUSES = "anonymization-status";
    public static final String SWEEPS = "retention-sweep-runs";
    public static final String EVIDENCE = "evidence-capture";
    private static final List<String> ALL = List.of(STEPS, STATUSES, SWEEPS, EVIDENCE);

    private final QuartzScheduler scheduler;

    ScheduledJobs(QuartzScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs before the scheduler starts (its own observer has priority 0), so no job fires before the tests want it. */
    void pauseAtStart(@Observes @Priority(-1) StartupEvent event) {
        ALL.forEach(scheduler::pause);
    }

    /** Resumes the pipeline: step runs, status reads and sweep runs. */
    public void startPipeline() {
        List.of(STEPS, STATUSES, SWEEPS).forEach(scheduler::resume);
    }

    /** Resumes evidence capture. */
    public void startEvidence() {
        scheduler.resume(EVIDENCE);
    }

    /** Pauses every job and waits until none of them is still executing. */
    public void stop() {
        ALL.forEach(scheduler::pause);
        await().atMost(Duration.ofSeconds(60)).until(this::idle);
    }

    /** Whether none of the jobs is executing now. */
    public boolean idle() {
        try {
            return scheduler.getScheduler().getCurrentlyExecutingJobs().stream()
                    .noneMatch(job -> ALL.contains(job.getJobDetail().getKey().getName()));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
