package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runtime switches for injected faults. Shares are drawn from a seeded {@link Random}, so a run with the same seed
 * and call order fails the same calls; {@link #failNext} queues exact faults that win over the shares.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SimulatorFaults {
    private static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(1);

    @ConfigProperty(name = "simulator.faults.seed", defaultValue = "20211201")
    long defaultSeed;

    private final Deque<FaultKind> next = new ArrayDeque<>();
    private final java.util.List<Before> before = new java.util.ArrayList<>();

    /** Something another actor does at Dixa just before the worker's matching call is handled. */
    private record Before(String method, String pathSuffix, Runnable action) {
    }
    private Random random;
    private double errorRate;
    private double effectThenErrorRate;
    private double resetRate;
    private double slowShare;
    private double effectThenSlowShare;
    private Duration slowDelay = DEFAULT_SLOW_DELAY;
    private String onlyMethod;
    private String onlyPathSuffix;
    private String unavailableMethod;
    private String unavailablePathSuffix;

    /** Share (0..1) of calls answering 500 before any effect. */
    public synchronized SimulatorFaults errorRate(double share) {
        this.errorRate = share;
        return this;
    }

    /** Share of calls that perform their effect and then answer 500. */
    public synchronized SimulatorFaults effectThenErrorRate(double share) {
        this.effectThenErrorRate = share;
        return this;
    }

    /** Share of calls whose TCP connection is closed without an answer. */
    public synchronized SimulatorFaults resetRate(double share) {
        this.resetRate = share;
        return this;
    }

    /** Share of calls answered only after {@code delay}; the delay also applies to {@code failNext(SLOW, n)}. */
    public synchronized SimulatorFaults slow(double share, Duration delay) {
        this.slowShare = share;
        this.slowDelay = delay;
        return this;
    }

    /**
     * Share of calls that perform their effect and are answered only after {@code delay}: with a delay past the
     * worker's read timeout, an accepted request whose answer the worker never sees.
     */
    public synchronized SimulatorFaults effectThenSlow(double share, Duration delay) {
        this.effectThenSlowShare = share;
        this.slowDelay = delay;
        return this;
    }

    /**
     * Limits the share-based faults to calls of one method whose path ends with {@code pathSuffix} (for example
     * {@code POST}, {@code /notes}); null for both applies them to every call again.
     */
    public synchronized SimulatorFaults only(String method, String pathSuffix) {
        this.onlyMethod = method;
        this.onlyPathSuffix = pathSuffix;
        return this;
    }

    /**
     * Every call of {@code method} whose path ends with {@code pathSuffix} answers 503 until cleared (for example the
     * contract probe's route, {@code GET /agents}), while every other route works; null for both ends it.
     */
    public synchronized SimulatorFaults unavailable(String method, String pathSuffix) {
        this.unavailableMethod = method;
        this.unavailablePathSuffix = pathSuffix;
        return this;
    }

    /** The next {@code count} calls (after authentication and the rate limit) fail as {@code kind}. */
    public synchronized SimulatorFaults failNext(FaultKind kind, int count) {
        for (int i = 0; i < count; i++) {
            next.addLast(kind);
        }
        return this;
    }

    /**
     * Runs {@code action} (an agent closing the conversation, say) just before the next call of {@code method} whose
     * path ends with {@code pathSuffix} is handled: another actor at Dixa, between two calls of one worker step.
     */
    public synchronized SimulatorFaults beforeNext(String method, String pathSuffix, Runnable action) {
        before.add(new Before(method, pathSuffix, action));
        return this;
    }

    /** The action queued for this call, if any (taken once). */
    synchronized Runnable takeBefore(String method, String path) {
        for (java.util.Iterator<Before> it = before.iterator(); it.hasNext(); ) {
            Before candidate = it.next();
            if (candidate.method().equals(method) && path.endsWith(candidate.pathSuffix())) {
                it.remove();
                return candidate.action();
            }
        }
        return null;
    }

    /** Reseeds the random draws, for a repeatable sequence of share-based faults. */
    public synchronized SimulatorFaults seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** Switches every fault off and reseeds with the configured seed. */
    public synchronized SimulatorFaults clear() {
        next.clear();
        before.clear();
        errorRate = 0;
        effectThenErrorRate = 0;
        resetRate = 0;
        slowShare = 0;
        effectThenSlowShare = 0;
        slowDelay = DEFAULT_SLOW_DELAY;
        onlyMethod = null;
        onlyPathSuffix = null;
        unavailableMethod = null;
        unavailablePathSuffix = null;
        random = new Random(defaultSeed);
        return this;
    }

    synchronized Duration slowDelay() {
        return slowDelay;
    }

    /** The fault for this call, or null. One draw per configured share keeps the sequence reproducible. */
    synchronized FaultKind draw(String method, String path) {
        if (!next.isEmpty()) {
            return next.pollFirst();
        }
        if (unavailableMethod != null && unavailableMethod.equals(method) && path.endsWith(unavailablePathSuffix)) {
            return FaultKind.SERVICE_UNAVAILABLE;
        }
        if (onlyMethod != null && (!onlyMethod.equals(method) || !path.endsWith(onlyPathSuffix))) {
            return null;
        }
        if (random == null) {
            random = new Random(defaultSeed);
        }
        if (resetRate > 0 && random.nextDouble() < resetRate) {
            return FaultKind.CONNECTION_RESET;
        }
        if (errorRate > 0 && random.nextDouble() < errorRate) {
            return FaultKind.SERVER_ERROR;
        }
        if (effectThenErrorRate > 0 && random.nextDouble() < effectThenErrorRate) {
            return FaultKind.EFFECT_THEN_SERVER_ERROR;
        }
        if (effectThenSlowShare > 0 && random.nextDouble() < effectThenSlowShare) {
            return FaultKind.EFFECT_THEN_SLOW;
        }
        if (slowShare > 0 && random.nextDouble() < slowShare) {
            return FaultKind.SLOW;
        }
        return null;
    }
}
