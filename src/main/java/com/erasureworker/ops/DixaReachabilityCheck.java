package com.erasureworker.ops;

import com.erasureworker.contract.ContractCheck;
import com.erasureworker.contract.ContractVerdict;
import com.erasureworker.contract.DixaContract;
import com.erasureworker.pipeline.WorkerConfig;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports the Dixa contract self-check in its own health group ({@code /q/health/group/dixa}), so that an outage at
 * Dixa does not take the worker out of rotation: queued work simply waits. UP only when a route every tenant has
 * answers 200 with our token and the token may read anonymization status: a 404 (wrong URL or version, a proxy) is
 * not "reachable". Dixa is asked at most every {@code WORKER_HEALTH_DIXA_PROBE_INTERVAL}, to save rate budget.
 */
@HealthGroup("dixa")
@ApplicationScoped
public class DixaReachabilityCheck implements HealthCheck {

    @Inject
    DixaContract contract;

    @Inject
    WorkerConfig config;

    @Override
    public HealthCheckResponse call() {
        ContractVerdict verdict = contract.current();
        Duration age = Duration.between(verdict.checkedAt(), Instant.now());
        if (age.compareTo(config.health().dixaProbeInterval()) >= 0) {
            verdict = contract.recheck();
        }
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("Dixa API").status(verdict.passed())
                .withData("checkedAt", verdict.checkedAt().toString());
        for (ContractCheck check : verdict.checks()) {
            answer.withData(check.name(), (check.passed() ? "passed" : "FAILED") + " (HTTP " + check.status() + "): "
                    + check.meaning());
            if (check.name().equals("route")) {
                answer.withData("lastStatus", check.status());
            }
        }
        verdict.reason().ifPresent(reason -> answer.withData("reason", reason));
        return answer.build();
    }
}
