package com.erasureworker.testing;

import com.erasureworker.audit.OwnerConnection;
import com.erasureworker.controls.ProcessingPause;
import com.erasureworker.dixa.DixaRateGovernor;
import com.erasureworker.dixa.RatePause;
import com.erasureworker.evidence.EvidenceCollector;
import com.erasureworker.evidence.EvidencePause;
import com.erasureworker.pipeline.ScheduledJobs;
import com.erasureworker.contract.DixaContract;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import java.sql.SQLException;

/**
 * Gives every {@code @QuarkusTest} class its own clean state, before its first test: the scheduled jobs paused and
 * idle, the clock back to the system time (and no hold-off of the rate governor or of evidence capture, which are kept
 * in the clock's time), the Dixa simulator empty, the processing switch on, and no ticket, sweep run, webhook
 * subscription or event, legal hold or canary run left from earlier classes, so nothing of theirs is claimed, read or
 * delivered while this class runs. The rows go by {@code TRUNCATE ... CASCADE} as the schema owner (the runtime
 * role may not truncate), which also empties every table that references them. The audit trail, its chain head and
 * checkpoints, the migrations' seeded rows (retention policy, its sweep watermark cleared; processing switch) and the rate buckets stay: the trail
 * is append-only and stays a valid chain; events of earlier classes simply name tickets that no longer exist.
 * Registered through {@code META-INF/services}; runs after Quarkus has started for the class.
 */
public class CleanState implements QuarkusTestBeforeClassCallback {

    static final String[] CLEARED = {"erasure_request", "sweep_run", "webhook_subscription", "webhook_event",
            "legal_hold", "canary_run"};

    @Override
    public void beforeClass(Class<?> testClass) {
        var container = Arc.container();
        if (container == null || !container.isRunning()) {
            return;
        }
        container.instance(ScheduledJobs.class).get().stop();
        container.instance(SettableClock.class).get().reset();
        RatePause.end(container.instance(DixaRateGovernor.class).get());
        EvidencePause.end(container.instance(EvidenceCollector.class).get());
        container.instance(DixaSimulator.class).get().reset();
        // The contract verdict is kept in memory: an earlier class may have left it red (a refused route, a stopped
        // simulator) or dated by a clock it moved forward. Ask the reset simulator now, so the first claim of this
        // class does not meet the old verdict while a background recheck runs.
        container.instance(DixaContract.class).get().recheck();
        ProcessingPause pause = container.instance(ProcessingPause.class).get();
        if (pause.paused()) {
            pause.resume("test class " + testClass.getSimpleName() + " starts from a clean state", "tests");
        }
        try {
            OwnerConnection.execute("truncate table " + String.join(", ", CLEARED) + " cascade");
            // The sweep watermark belongs to the runs just cleared: the next class's sweeps walk the whole history.
            OwnerConnection.execute("update retention_policy set swept_until = null, swept_channels = null");
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear the state of earlier test classes", e);
        }
    }
}
