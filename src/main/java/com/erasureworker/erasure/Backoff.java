package com.erasureworker.erasure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff policy of the worker (targets, sweep runs): exponential from {@code initial}, capped at {@code max},
 * with jitter (half to full delay), and never shorter than Dixa's Retry-After.
 */
public record Backoff(Duration initial, Duration max) {

    /** @param attempts failures so far (1 for the first); @param retryAfter Dixa's Retry-After, or null */
    public Duration delay(int attempts, Duration retryAfter) {
        long initialMillis = Math.max(1, initial.toMillis());
        long capped = Math.min(max.toMillis(), initialMillis << Math.min(Math.max(attempts, 1) - 1, 20));
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }
}
