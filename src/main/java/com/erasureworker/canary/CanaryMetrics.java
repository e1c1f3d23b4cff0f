package com.erasureworker.canary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code canary_last_success_timestamp} (epoch seconds of the last passed run, 0 before any; alert when it grows
 * old) and {@code canary_processing_seconds} (Dixa's 202 → {@code processedAt} of the canary's request).
 */
@ApplicationScoped
class CanaryMetrics {

    private final AtomicLong lastSuccess = new AtomicLong();
    private final Timer processing;
    private final CanaryStore store;

    CanaryMetrics(MeterRegistry registry, CanaryStore store) {
        this.store = store;
        Gauge.builder("canary.last.success.timestamp", lastSuccess, AtomicLong::get)
                .description("When the live canary last proved erasure end to end (epoch seconds)").register(registry);
        processing = Timer.builder("canary.processing")
                .description("Dixa's processing time of the canary's anonymization request (202 to processedAt)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        store.lastPassedAt().ifPresent(this::passed);
    }

    void passed(Instant at) {
        lastSuccess.accumulateAndGet(at.getEpochSecond(), Math::max);
    }

    void processed(Duration duration) {
        processing.record(duration);
    }
}
