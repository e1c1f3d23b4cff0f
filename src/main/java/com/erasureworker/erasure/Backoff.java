package com.erasureworker.erasure;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff policy of the worker (targets, sweep runs, webhook deliveries, evidence reads, the Dixa gateway's
 * in-call retries): exponential from {@code initial}, capped at {@code max}, with jitter (half to full delay), and
 * never shorter than Dixa's Retry-After.
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

    /** The delays after the first, second, … failure of one series of attempts (e.g. one call's retries). */
    public Iterator<Duration> series() {
        return new Iterator<>() {
            private int attempts;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Duration next() {
                return delay(++attempts, null);
            }
        };
    }
}
