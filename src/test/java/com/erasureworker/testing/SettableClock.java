package com.erasureworker.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's {@link Clock} in tests, in place of {@code ops/Clocks}' system clock: the system time plus an
 * offset that {@link #advance(Duration)} moves forward, so a test makes a backoff, a grace period or a status read come
 * due without waiting for it. It keeps ticking with the system time, because parts of the application and of the
 * simulator still read {@code Instant.now()} or the database's {@code now()}; {@link #freeze()} stops it where a test
 * wants the exact same instant twice, or no time to pass while real threads work, and {@link #thaw()} lets it tick on.
 * {@link CleanState} sets it back to the system time before each test class.
 */
@Alternative
@Priority(1)
@Singleton
public class SettableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    /** Moves the time forward (the offset grows, or the frozen instant moves). */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward in a test: " + duration);
        }
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(duration);
        } else {
            offset = offset.plus(duration);
        }
    }

    /** Stops the clock at its current instant; {@link #advance(Duration)} still moves it. */
    public synchronized void freeze() {
        frozenAt = instant();
    }

    /** Ticks again from the frozen instant (the offset it had reached stays); does nothing when not frozen. */
    public synchronized void thaw() {
        if (frozenAt != null) {
            offset = Duration.between(Instant.now(), frozenAt);
            frozenAt = null;
        }
    }

    /** Back to the system time: no offset, not frozen. */
    public synchronized void reset() {
        offset = Duration.ZERO;
        frozenAt = null;
    }

    /** How far this clock is ahead of the system clock (zero unless advanced). */
    public Duration offset() {
        Instant frozen = frozenAt;
        return frozen == null ? offset : Duration.between(Instant.now(), frozen);
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant frozen = frozenAt;
        return frozen != null ? Clock.fixed(frozen, zone) : Clock.offset(Clock.system(zone), offset);
    }
}
