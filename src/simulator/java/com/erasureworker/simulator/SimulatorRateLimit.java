package com.erasureworker.simulator;

import io.github.bucket4j.Bucket;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dixa's per-token rate limit (10 requests/s, bursts of 4) as one Bucket4j token bucket per API token, with a count
 * of the 429s it caused and an optional Retry-After (off by default: Dixa documents none).
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SimulatorRateLimit {
    @ConfigProperty(name = "simulator.rate-limit.per-second", defaultValue = "10")
    double defaultPerSecond;

    @ConfigProperty(name = "simulator.rate-limit.burst", defaultValue = "4")
    int defaultBurst;

    @ConfigProperty(name = "simulator.rate-limit.enabled", defaultValue = "true")
    boolean defaultEnabled;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong tooManyRequests = new AtomicLong();
    private volatile double perSecond;
    private volatile int burst;
    private volatile boolean enabled;
    private volatile Duration retryAfter;

    synchronized void restoreDefaults() {
        perSecond = defaultPerSecond;
        burst = defaultBurst;
        enabled = defaultEnabled;
        retryAfter = null;
        buckets.clear();
        tooManyRequests.set(0);
    }

    synchronized void set(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.enabled = true;
        buckets.clear();
    }

    void disable() {
        enabled = false;
    }

    void retryAfter(Duration retryAfterOrNull) {
        this.retryAfter = retryAfterOrNull;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    /** True when the call may proceed; otherwise counts a 429. */
    boolean admit(String token) {
        if (!enabled) {
            return true;
        }
        if (buckets.computeIfAbsent(token, t -> newBucket()).tryConsume(1)) {
            return true;
        }
        countTooManyRequests();
        return false;
    }

    void countTooManyRequests() {
        tooManyRequests.incrementAndGet();
    }

    long tooManyRequestsCount() {
        return tooManyRequests.get();
    }

    private Bucket newBucket() {
        // Refill expressed per 1000 s so fractional rates (e.g. 0.5/s) stay exact in Bucket4j's integer arithmetic.
        long tokensPer1000s = Math.max(1, Math.round(perSecond * 1000));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(tokensPer1000s, Duration.ofSeconds(1000)))
                .build();
    }
}
