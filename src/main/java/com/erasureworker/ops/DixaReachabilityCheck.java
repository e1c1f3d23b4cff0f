package com.erasureworker.ops;

import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import com.erasureworker.pipeline.WorkerConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Reports whether Dixa answers with our token, in its own health group ({@code /q/health/group/dixa}) so that an
 * outage at Dixa does not take the worker out of rotation: queued work simply waits. The probe asks for a
 * conversation that cannot exist (id 0), so "404 Not Found" means reachable and authorized; the result is cached
 * to spend almost nothing of the rate budget.
 */
@HealthGroup("dixa")
@ApplicationScoped
public class DixaReachabilityCheck implements HealthCheck {

    @Inject
    DixaClient dixa;

    @Inject
    WorkerConfig config;

    private volatile HealthCheckResponse cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    @Override
    public HealthCheckResponse call() {
        if (cached == null || Instant.now().isAfter(cachedAt.plus(config.health().dixaProbeInterval()))) {
            cached = probe();
            cachedAt = Instant.now();
        }
        return cached;
    }

    private HealthCheckResponse probe() {
        DixaOutcome<?> outcome = dixa.getConversation(0);
        boolean reachable = outcome.kind() == DixaOutcome.Kind.OK || outcome.kind() == DixaOutcome.Kind.NOT_FOUND
                || outcome.kind() == DixaOutcome.Kind.BAD_REQUEST;
        return HealthCheckResponse.named("Dixa API")
                .status(reachable)
                .withData("outcome", outcome.kind().name())
                .withData("lastStatus", outcome.lastStatus())
                .withData("checkedAt", Instant.now().toString())
                .build();
    }
}
