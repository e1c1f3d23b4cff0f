package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a held target is looked at again. */
class HoldCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void anOpenEndedHoldIsLookedAtAgainAfterTheRecheckInterval() {
        assertThat(HoldCheck.recheckAt(NOW, null)).isEqualTo(NOW.plus(HoldCheck.RECHECK));
    }

    @Test
    void aHoldEndingSoonerIsLookedAtAgainAtItsEnd() {
        Instant endsAt = NOW.plus(Duration.ofMinutes(3));

        assertThat(HoldCheck.recheckAt(NOW, endsAt)).isEqualTo(endsAt);
    }

    @Test
    void aHoldEndingLaterIsStillLookedAtAfterTheRecheckInterval() {
        assertThat(HoldCheck.recheckAt(NOW, NOW.plus(Duration.ofDays(30)))).isEqualTo(NOW.plus(HoldCheck.RECHECK));
    }
}
