package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Dixa's single first-in, first-out anonymization queue: requests become due at {@code initiatedAt + delay} and one
 * background thread processes them in order, no faster than {@code throughput} per second, unless paused.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class AnonymizationQueue {
    private static final Logger LOG = Logger.getLogger(AnonymizationQueue.class);
    private static final long TICK_MILLIS = 10;

    @Inject
    Anonymizer anonymizer;

    @ConfigProperty(name = "simulator.anonymization.delay", defaultValue = "2s")
    Duration defaultDelay;

    @ConfigProperty(name = "simulator.anonymization.throughput", defaultValue = "50")
    double defaultThroughput;

    private final Deque<AnonymizationRequest> pending = new ArrayDeque<>();
    private final Map<UUID, AnonymizationRequest> all = new LinkedHashMap<>();
    private Duration delay;
    private double throughput;
    private boolean paused;
    /** Target entity ids whose requests are dropped unprocessed (a request Dixa never processes). */
    private final java.util.Set<String> neverProcessed = new java.util.HashSet<>();
    private long nextAllowedNanos;
    private ScheduledExecutorService processor;
    /** Held by whoever processes the queue; taken before, never while holding, this queue's or the store's lock. */
    private final Object processing = new Object();

    void start(@Observes StartupEvent event) {
        restoreDefaults();
        processor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dixa-simulator-anonymization"));
        processor.scheduleWithFixedDelay(this::processDue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (processor != null) {
            processor.shutdownNow();
        }
    }

    synchronized void restoreDefaults() {
        pending.clear();
        all.clear();
        delay = defaultDelay;
        throughput = defaultThroughput;
        paused = false;
        nextAllowedNanos = 0;
        neverProcessed.clear();
    }

    /** Back to the defaults, with no deferred cascade left (taken outside this queue's lock: it takes the store's). */
    void reset() {
        restoreDefaults();
        anonymizer.clearDeferred();
    }

    /** Requests for this entity from now on are never processed (true), or processed again (false). */
    synchronized void neverProcess(String targetEntityId, boolean never) {
        if (never) {
            neverProcessed.add(targetEntityId);
        } else {
            neverProcessed.remove(targetEntityId);
        }
    }

    synchronized AnonymizationRequest enqueue(String type, String targetEntityId, UUID requestedBy) {
        AnonymizationRequest request = new AnonymizationRequest(UUID.randomUUID(), type, targetEntityId, requestedBy,
                Instant.now());
        pending.addLast(request);
        all.put(request.id, request);
        return request;
    }

    /** Whether a request for this entity is waiting to be processed. */
    synchronized boolean queued(String type, String targetEntityId) {
        return pending.stream().anyMatch(r -> r.type.equals(type) && r.targetEntityId.equals(targetEntityId));
    }

    synchronized AnonymizationRequest find(UUID id) {
        return all.get(id);
    }

    synchronized List<SimAnonymizationRequest> snapshots() {
        return all.values().stream().map(AnonymizationRequest::snapshot).toList();
    }

    synchronized void setDelay(Duration delay) {
        this.delay = delay;
    }

    synchronized void setThroughput(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("throughput must be positive; pause the queue instead");
        }
        this.throughput = perSecond;
    }

    synchronized void pause(boolean paused) {
        this.paused = paused;
    }

    /**
     * Processes every due request the throughput allows; the head blocks the rest, as in a real FIFO queue. The
     * scrubbing runs outside this queue's lock: the intake holds the store's lock while it enqueues, so holding ours
     * while taking the store's (inside the anonymizer) would deadlock. Callers (the 10 ms thread and a test running
     * the queue by hand) take turns: a caller returns only when no request it could see is still being scrubbed by the
     * other, so "processed" means processedAt is set.
     */
    void processDue() {
        synchronized (processing) {
            processDueInTurn();
        }
    }

    private void processDueInTurn() {
        anonymizer.applyDeferred(Instant.now());
        while (true) {
            AnonymizationRequest head;
            Instant now;
            synchronized (this) {
                if (paused || pending.isEmpty()) {
                    return;
                }
                head = pending.peekFirst();
                now = Instant.now();
                long nowNanos = System.nanoTime();
                if (head.initiatedAt.plus(delay).isAfter(now) || nowNanos < nextAllowedNanos) {
                    return;
                }
                // Spacing requests evenly (no saved-up burst) keeps processedAt strictly ordered and the rate honest.
                nextAllowedNanos = Math.max(nextAllowedNanos, nowNanos) + (long) (1_000_000_000L / throughput);
                pending.removeFirst();
                if (neverProcessed.contains(head.targetEntityId)) {
                    continue;
                }
            }
            try {
                anonymizer.apply(head, now);
            } catch (RuntimeException e) {
                // A broken request must not kill the processor thread; it stays unprocessed and the queue moves on.
                LOG.error("simulated anonymization failed", e);
                continue;
            }
            synchronized (this) {
                head.processedAt = now;
            }
        }
    }
}
