package com.erasureworker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The test clock itself (no Quarkus): it follows the system time plus what tests advanced, or stands still. */
class SettableClockTest {

    private final SettableClock clock = new SettableClock();

    @Test
    void advancingMovesTheClockAheadOfTheSystemTimeByThatMuch() {
        clock.advance(Duration.ofHours(72));

        assertThat(clock.instant()).isAfterOrEqualTo(Instant.now().plus(Duration.ofHours(72)).minusSeconds(1));
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void aFrozenClockGivesTheSameInstantUntilAdvanced() {
        clock.freeze();
        Instant frozen = clock.instant();

        assertThat(clock.instant()).isEqualTo(frozen);
        clock.advance(Duration.ofMinutes(15));
        assertThat(clock.instant()).isEqualTo(frozen.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aThawedClockTicksOnFromWhereItWasFrozenWithoutGoingBack() {
        clock.advance(Duration.ofHours(1));
        clock.freeze();
        clock.advance(Duration.ofMinutes(5));
        Instant frozen = clock.instant();

        clock.thaw();

        assertThat(clock.instant()).isAfterOrEqualTo(frozen).isBefore(frozen.plusSeconds(1));
        assertThat(clock.offset()).isBetween(Duration.ofMinutes(65).minusSeconds(1), Duration.ofMinutes(65));
    }

    @Test
    void resetGoesBackToTheSystemTime() {
        clock.advance(Duration.ofDays(30));
        clock.freeze();

        clock.reset();

        assertThat(clock.offset()).isZero();
        assertThat(clock.instant()).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void timeDoesNotMoveBackwardsInATest() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
