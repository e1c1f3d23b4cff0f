package com.erasureworker.evidence;

import com.erasureworker.pipeline.WorkerConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips evidence capture on a replica that does not work targets ({@code worker.enabled=false}) or does not capture
 * evidence ({@code evidence.capture-enabled=false}); per replica, like {@link com.erasureworker.pipeline.WorkerDisabled}.
 */
@Singleton
class CaptureDisabled implements Scheduled.SkipPredicate {

    private final boolean enabled;

    CaptureDisabled(WorkerConfig worker, EvidenceConfig evidence) {
        this.enabled = worker.enabled() && evidence.captureEnabled();
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled;
    }
}
