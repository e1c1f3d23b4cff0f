package com.erasureworker.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one backoff policy, as a pure function (no Quarkus): doubling from the initial delay, capped, jittered. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));

    @Test
    void theDelayDoublesWithEachFailureBetweenHalfAndAllOfItsStep() {
        IntStream.rangeClosed(1, 8).forEach(attempts -> {
            long step = 2_000L << (attempts - 1);
            assertThat(backoff.delay(attempts, null).toMillis()).as("after %d failure(s)", attempts)
                    .isBetween(step / 2, step);
        });
    }

    @Test
    void theDelayNeverExceedsTheCapHoweverManyFailures() {
        IntStream.of(10, 20, 30, 1_000, Integer.MAX_VALUE).forEach(attempts ->
                assertThat(backoff.delay(attempts, null)).isLessThanOrEqualTo(Duration.ofMinutes(10))
                        .isGreaterThanOrEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void dixasRetryAfterIsHonouredWhenItIsLongerAndIgnoredWhenShorter() {
        assertThat(backoff.delay(1, Duration.ofMinutes(3))).isEqualTo(Duration.ofMinutes(3));
        assertThat(backoff.delay(1, Duration.ofMillis(1))).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void zeroOrNegativeAttemptsCountAsTheFirstFailure() {
        assertThat(backoff.delay(0, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(backoff.delay(-3, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
