package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.controls.ProcessingPause;
import com.erasureworker.dixa.RateLane;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One run of the step job: {@code worker.concurrency} workers each claim a due target, run its step (Dixa calls
 * outside any transaction, the claim's lease renewed by a heartbeat meanwhile), save the outcome, and claim the next,
 * until nothing is due or the run's time is up.
 *
 * <p>On shutdown (SIGTERM) it stops claiming, lets the running steps finish for up to {@code shutdown.step-grace} (WORKER_SHUTDOWN_GRACE),
 * then hands back the claims of those that did not ({@link ErasureLifecycle#handBack}), so another replica takes them at once
 * rather than after the lease runs out.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);

    private final TargetClaims claims;
    private final ErasureLifecycle lifecycle;
    private final AnonymizeStep anonymize;
    private final VerifyStep verify;
    private final HoldCheck holds;
    private final ProcessingPause processingPause;
    private final WorkerConfig config;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final String owner;
    private final Duration shutdownGrace;
    /** Claims held by this replica's workers right now: what a shutdown hands back if their steps do not finish. */
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    /**
     * Step runs in progress on this replica. The steps job is not {@code @Nonconcurrent} (every replica claims work), so
     * Quarkus runs it off the Quartz thread and Quartz cannot tell whether it is still working; this can.
     */
    private final AtomicInteger runsInProgress = new AtomicInteger();

    PipelineRunner(TargetClaims claims, ErasureLifecycle lifecycle, AnonymizeStep anonymize, VerifyStep verify,
            HoldCheck holds, ProcessingPause processingPause, WorkerConfig config, Clock clock,
            @ConfigProperty(name = "shutdown.step-grace", defaultValue = "20s") Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
        this.processingPause = processingPause;
        this.holds = holds;
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

    /** Whether a step run is in progress on this replica (its workers may be calling Dixa). */
    boolean working() {
        return runsInProgress.get() > 0;
    }

    void runSteps() {
        if (stopping) {
            return;
        }
        Instant deadline = Instant.now(clock).plus(config.maxRun());
        List<Future<?>> running = new ArrayList<>();
        runsInProgress.incrementAndGet();
        try {
            for (int i = 0; i < config.concurrency(); i++) {
                running.add(workers.submit(() -> workUntil(deadline)));
            }
            awaitAll(running);
        } finally {
            runsInProgress.decrementAndGet();
        }
    }

    private static void awaitAll(List<Future<?>> running) {
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
        while (!stopping && Instant.now(clock).isBefore(deadline)) {
            Optional<Lease> claimed = claims.claimOne(owner);
            if (claimed.isEmpty()) {
                return;
            }
            held.add(claimed.get());
            long beat = Math.max(50, config.leaseDuration().toMillis() / 3);
            ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(claimed.get()::heartbeat, beat, beat,
                    TimeUnit.MILLISECONDS);
            try {
                work(claimed.get());
            } finally {
                heartbeat.cancel(false);
                held.remove(claimed.get());
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
                    case ON_HOLD -> holds.recheck(work.get(), lease);
                    case VERIFYING -> verify.run(work.get(), lease);
                    default -> null;
                });
            } catch (Lease.LostException lost) {
                outcome = lost.partial();
            } catch (StepLog.PausedException paused) {
                outcome = paused.partial();
                if (paused.tokenRefusal() != null) {
                    pauseForRefusedToken(paused.tokenRefusal());
                }
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

    /** Once per refusal across replicas: a pause that is on already is left as it is (its reason is the first one). */
    private void pauseForRefusedToken(String reason) {
        if (!processingPause.paused()) {
            LOG.warnf("%s", reason);
            processingPause.pause(reason, AuditTrail.SYSTEM);
        }
    }

    /** Early among the shutdown observers, while the database is still there to take the claims back. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        stop();
    }

    /** Stops claiming, waits for running steps up to the grace, hands back the claims of the rest, then stops. */
    @PreDestroy
    synchronized void stop() {
        if (stopping && workers.isShutdown()) {
            return;
        }
        stopping = true;
        workers.shutdown();
        try {
            workers.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int handedBack = 0;
        for (Lease lease : Set.copyOf(held)) {
            try {
                handedBack += lifecycle.handBack(lease.targetId(), lease.token()) ? 1 : 0;
            } catch (RuntimeException databaseGone) {
                // The lease then runs out as after a crash; the next claim still fences this one's late save.
                LOG.warnf("could not hand back the claim on target %s: %s", lease.targetId(),
                        databaseGone.getClass().getSimpleName());
            }
        }
        if (handedBack > 0) {
            LOG.infof("shutdown: handed back %d claim(s) whose steps did not finish within %s", handedBack,
                    shutdownGrace);
        }
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
