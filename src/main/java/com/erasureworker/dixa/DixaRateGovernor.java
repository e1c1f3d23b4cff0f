package com.erasureworker.dixa;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Keeps this process's calls within the Dixa token's budget (rate, burst and daily quota) with a Bucket4j token
 * bucket, so that 429s are rare rather than the flow control; a 429 that still happens pauses every caller.
 */
@ApplicationScoped
public class DixaRateGovernor {

    private static final Logger LOG = Logger.getLogger(DixaRateGovernor.class);

    @Inject
    DixaConfig config;

    private Bucket bucket;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

    @PostConstruct
    void init() {
        DixaConfig.RateLimit limit = config.rateLimit();
        bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build())
                .addLimit(Bandwidth.builder().capacity(limit.dailyQuota())
                        .refillIntervally(limit.dailyQuota(), Duration.ofDays(1)).build())
                .build();
    }

    /**
     * Waits for one permit, at most {@code maxWait}.
     *
     * @return false when no permit came in time (the caller treats that as rate limited without calling Dixa)
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Duration pause = Duration.between(Instant.now(), pausedUntil.get());
        if (pause.isNegative() == false && pause.isZero() == false) {
            if (pause.compareTo(maxWait) > 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        }
        long remaining = Math.max(0, deadline - System.nanoTime());
        return bucket.asBlocking().tryConsume(1, Duration.ofNanos(remaining));
    }

    /** Dixa answered 429: everyone holds off for Retry-After, or the configured pause when Dixa sent none. */
    public void onTooManyRequests(Duration retryAfter) {
        Duration pause = retryAfter != null ? retryAfter : config.rateLimit().pauseAfterTooManyRequests();
        Instant until = Instant.now().plus(pause);
        pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
        LOG.debugf("Dixa answered 429; pausing calls for %d ms", pause.toMillis());
    }
}
