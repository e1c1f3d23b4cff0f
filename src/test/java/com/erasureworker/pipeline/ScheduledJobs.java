package com.erasureworker.pipeline;

import static org.awaitility.Awaitility.await;

import com.erasureworker.webhook.WebhookJobs;
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
 * Behaviour tests leave the jobs paused and run them by hand with {@link ManualPipeline}; resuming them is for tests
 * about the scheduled jobs themselves (and for classes not converted yet).
 */
@Singleton
public class ScheduledJobs {

    public static final String STEPS = "erasure-steps";
    public static final String STATUSES = "anonymization-status";
    public static final String SWEEPS = "retention-sweep-runs";
    public static final String EVIDENCE = "evidence-capture";
    public static final String WEBHOOKS = "webhook-deliveries";
    private static final List<String> ALL = List.of(STEPS, STATUSES, SWEEPS, EVIDENCE, WEBHOOKS);

    private final QuartzScheduler scheduler;
    private final PipelineRunner runner;
    private final WebhookJobs webhooks;

    ScheduledJobs(QuartzScheduler scheduler, PipelineRunner runner, WebhookJobs webhooks) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.webhooks = webhooks;
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

    /** Resumes webhook deliveries. */
    public void startWebhooks() {
        scheduler.resume(WEBHOOKS);
    }

    /** Pauses webhook deliveries and waits until no delivery run is executing. */
    public void pauseWebhooks() {
        scheduler.pause(WEBHOOKS);
        await().atMost(Duration.ofSeconds(60)).during(Duration.ofMillis(200)).until(this::idle);
    }

    /** Pauses every job and waits until none of them is still executing. */
    public void stop() {
        ALL.forEach(scheduler::pause);
        // Idle for a moment, not an instant: a trigger that fired just before the pause may still be handing its
        // method to Quarkus' executor.
        await().atMost(Duration.ofSeconds(60)).during(Duration.ofMillis(200)).until(this::idle);
    }

    /**
     * Whether none of the jobs is executing now. Quartz sees the {@code @Nonconcurrent} ones (Quarkus runs them on its
     * thread); the step and delivery jobs run off it, so they say themselves whether a run is still going.
     */
    public boolean idle() {
        if (runner.working() || webhooks.delivering()) {
            return false;
        }
        try {
            return scheduler.getScheduler().getCurrentlyExecutingJobs().stream()
                    .noneMatch(job -> ALL.contains(job.getJobDetail().getKey().getName()));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
