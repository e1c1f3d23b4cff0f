package com.erasureworker.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test fixture: a second worker instance in the same JVM — its own {@link PipelineRunner} (own workers, own lease
 * owner name) ticking like the Quartz step job of another replica, against the same database and simulator. Shared
 * with the first: the beans (the pause switch's per-JVM cache among them), as two replicas share only the database.
 */
@ApplicationScoped
public class SecondReplica {

    private static final Duration TICK = Duration.ofMillis(200);

    private final TargetClaims claims;
    private final ErasureLifecycle lifecycle;
    private final AnonymizeStep anonymize;
    private final VerifyStep verify;
    private final HoldCheck holds;
    private final WorkerConfig config;
    private final Clock clock;
    private volatile boolean running;
    private Thread ticker;
    private PipelineRunner runner;

    SecondReplica(TargetClaims claims, ErasureLifecycle lifecycle, AnonymizeStep anonymize, VerifyStep verify,
            HoldCheck holds, WorkerConfig config, Clock clock) {
        this.claims = claims;
        this.lifecycle = lifecycle;
        this.anonymize = anonymize;
        this.verify = verify;
        this.holds = holds;
        this.config = config;
        this.clock = clock;
    }

    public synchronized void start() {
        runner = new PipelineRunner(claims, lifecycle, anonymize, verify, holds, config, clock,
                ConfigProvider.getConfig().getOptionalValue("shutdown.step-grace", Duration.class)
                        .orElse(Duration.ofSeconds(20)));
        running = true;
        ticker = new Thread(() -> {
            while (running) {
                runner.runSteps();
                // The tick of the other replica's step job: it looks for due work again after this.
                LockSupport.parkNanos(TICK.toNanos());
            }
        }, "second-replica");
        ticker.setDaemon(true);
        ticker.start();
    }

    public String owner() {
        return runner.owner();
    }

    /** Stops this replica as SIGTERM stops one: its runner's shutdown path, then the ticker. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (ticker != null) {
            runner.stop();
            ticker.join(Duration.ofSeconds(60).toMillis());
        }
    }
}
