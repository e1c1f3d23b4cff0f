package com.erasureworker.dixa;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A replica started with a lowered DIXA_RATE_LIMIT_PER_SECOND takes the shared budget down for every replica at once
 * (Bucket4j replaces the stored configuration only for a higher version: the version is now the start time).
 */
@QuarkusTest
class RateLimitChangeTest {

    @Inject
    DixaRateGovernor running;

    @Inject
    DixaConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    Instance<DixaRateGovernor.SweepShare> sweepShare;

    @Test
    void loweringTheRateOnARestartedReplicaSlowsTheRunningOneWithinSeconds() throws Exception {
        assertThat(permitsIn(running, Duration.ofSeconds(2))).as("10/s before").isGreaterThanOrEqualTo(15);

        DixaRateGovernor restarted = new DixaRateGovernor();
        restarted.config = withRate(2);
        restarted.dataSource = dataSource;
        restarted.registry = registry;
        restarted.sweepShare = sweepShare;
        restarted.init();
        try {
            // The running replica, still configured at 10/s, now draws from a bucket refilling 2 per second.
            assertThat(permitsIn(running, Duration.ofSeconds(3))).as("2/s after").isBetween(4, 9);
        } finally {
            DixaRateGovernor restored = new DixaRateGovernor();
            restored.config = config;
            restored.dataSource = dataSource;
            restored.registry = registry;
            restored.sweepShare = sweepShare;
            restored.init();
        }
    }

    private static int permitsIn(DixaRateGovernor governor, Duration window) throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        int permits = 0;
        while (System.nanoTime() < end) {
            if (governor.acquire(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) {
                permits++;
            }
        }
        return permits;
    }

    private DixaConfig withRate(int perSecond) {
        DixaConfig.RateLimit limit = config.rateLimit();
        DixaConfig.RateLimit lowered = (DixaConfig.RateLimit) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DixaConfig.RateLimit.class},
                (proxy, method, args) -> method.getName().equals("perSecond") ? perSecond : method.invoke(limit, args));
        return (DixaConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DixaConfig.class},
                (proxy, method, args) -> method.getName().equals("rateLimit") ? lowered : method.invoke(config, args));
    }
}
