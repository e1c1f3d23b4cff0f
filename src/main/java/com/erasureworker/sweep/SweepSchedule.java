package com.erasureworker.sweep;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Keeps the Quartz cron trigger of {@link RetentionSweepJob} in line with the retention policy. The trigger lives in
 * Quartz's clustered JDBC store, so one change reaches every replica and each firing runs on exactly one of them.
 */
@ApplicationScoped
class SweepSchedule {

    static final JobKey JOB = JobKey.jobKey("retention-sweep", "sweeps");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("retention-sweep-cron", "sweeps");
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final Scheduler quartz;

    SweepSchedule(Scheduler quartz) {
        this.quartz = quartz;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        apply(RetentionPolicy.current());
    }

    /** Schedules, reschedules or unschedules the cron; called in the transaction that changed the policy. */
    @Transactional(Transactional.TxType.MANDATORY)
    void apply(RetentionPolicy policy) {
        try {
            Trigger existing = quartz.getTrigger(TRIGGER);
            if (!policy.enabled) {
                if (existing != null) {
                    quartz.unscheduleJob(TRIGGER);
                }
                return;
            }
            if (existing instanceof CronTrigger cron && cron.getCronExpression().equals(policy.cron)) {
                return;
            }
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .withSchedule(CronScheduleBuilder.cronSchedule(policy.cron).inTimeZone(UTC)
                            // A night missed while every replica was down is not made up in the morning rush.
                            .withMisfireHandlingInstructionDoNothing())
                    .build();
            if (existing != null) {
                quartz.rescheduleJob(TRIGGER, trigger);
                return;
            }
            if (!quartz.checkExists(JOB)) {
                JobDetail job = JobBuilder.newJob(RetentionSweepJob.class).withIdentity(JOB).storeDurably().build();
                quartz.addJob(job, false);
            }
            quartz.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException anotherReplicaWasFaster) {
            // Two replicas starting together: the other one scheduled the same trigger.
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the retention sweep: " + e.getMessage(), e);
        }
    }

    /** When the cron fires next, if it is scheduled. */
    Optional<Instant> nextRun() {
        try {
            Trigger trigger = quartz.getTrigger(TRIGGER);
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }
}
