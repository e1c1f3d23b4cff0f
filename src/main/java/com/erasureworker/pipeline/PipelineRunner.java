package com.erasureworker.pipeline;

import com.erasureworker.dixa.RateLane;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One run of the step job: {@code worker.concurrency} workers each claim a due target, run its step (Dixa calls
 * outside any transaction, the claim's lease renewed by a heartbeat meanwhile), save the outcome, and claim the next,
 * until nothing is due or the run's time is up.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);

    private final TargetClaims claims;
    private final ErasureLifecycle lifecycle;
    private final AnonymizeStep anonymize;
    private final VerifyStep verify;
    private final WorkerConfig config;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final String owner;

    PipelineRunner(TargetClaims claims, ErasureLifecycle lifecycle, AnonymizeStep anonymize, VerifyStep verify,
            WorkerConfig config, Clock clock) {
        this.claims = claims;
        this.lifecycle = lifecycle;
        this.anonymize = anonymize;
        this.verify = verify;
        this.config = config;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "erasure-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeats = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "erasure-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.owner = config.instanceId().orElseGet(PipelineRunner::defaultInstanceId);
    }

    /** The lease owner name of this replica. */
    public String owner() {
        return owner;
    }

    void runSteps() {
        Instant deadline = Instant.now(clock).plus(config.maxRun());
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < config.concurrency(); i++) {
            running.add(workers.submit(() -> workUntil(deadline)));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.errorf("erasure worker stopped: %s", e.getCause().getClass().getSimpleName());
            }
        }
    }

    private void workUntil(Instant deadline) {
        while (Instant.now(clock).isBefore(deadline)) {
            Optional<Lease> claimed = claims.claimOne(owner);
            if (claimed.isEmpty()) {
                return;
            }
            long beat = Math.max(50, config.leaseDuration().toMillis() / 3);
            ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(claimed.get()::heartbeat, beat, beat,
                    TimeUnit.MILLISECONDS);
            try {
                work(claimed.get());
            } finally {
                heartbeat.cancel(false);
            }
        }
    }

    /** Runs one step under its claim and saves the outcome; a lost claim's or a failed save's calls are still recorded. */
    private void work(Lease lease) {
        StepOutcome outcome = null;
        try {
            Optional<Work> work = lifecycle.load(lease);
            if (work.isEmpty()) {
                return;
            }
            RateLane lane = work.get().priority() == 0 ? RateLane.DPO : RateLane.SWEEP;
            try {
                outcome = RateLane.with(lane, () -> switch (work.get().state()) {
                    case PENDING, WAITING_FOR_CLOSE -> anonymize.run(work.get(), lease);
                    case VERIFYING -> verify.run(work.get(), lease);
                    default -> null;
                });
            } catch (Lease.LostException lost) {
                outcome = lost.partial();
            }
            if (outcome != null) {
                lifecycle.apply(work.get(), lease.token(), outcome);
            }
        } catch (RuntimeException e) {
            // Only the exception type and the target id: messages of unexpected errors are not vetted for privacy.
            LOG.errorf("step of target %s failed with %s", lease.targetId(), e.getClass().getName());
            lifecycle.crashed(lease.targetId(), lease.token(), outcome == null ? List.of() : outcome.calls(), e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        heartbeats.shutdownNow();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "worker";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
