package com.erasureworker.ops;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Gauges for the DPO's dashboard: tickets by state, overdue and at risk (due within 3 days, not settled), targets by
 * state and stuck ones (FAILED: they need a person), and the audit chain's length. Counted in the database, at most
 * every 10 seconds however often Prometheus scrapes, so every replica reports the same numbers. Only unsettled targets
 * are counted (the partial index erasure_target_unsettled_state_idx, V28, covers them), not the ever-growing DONE and
 * CANCELLED rows: finished work shows as tickets by state.
 */
@ApplicationScoped
public class ErasureMetrics {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final String COUNTS = """
            select 'ticket:' || state, count(*) from erasure_request group by state
            union all select 'target:' || state, count(*) from erasure_target
                where state not in ('DONE', 'CANCELLED', 'REOPENED') group by state
            union all select 'overdue', count(*) from erasure_request
                where due_at < now() and state not in ('COMPLETED', 'CANCELLED', 'REJECTED')
            union all select 'atRisk', count(*) from erasure_request
                where due_at >= now() and due_at < now() + interval '3 days' and state not in ('COMPLETED', 'CANCELLED', 'REJECTED')
            union all select 'chain', last_sequence from audit_chain_head
            """;

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private volatile Map<String, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.EPOCH;

    ErasureMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        for (RequestState state : RequestState.values()) {
            gauge("erasure.tickets", "Erasure tickets by state", "ticket:" + state.name(), "state", state.name());
        }
        for (TargetState state : TargetState.values()) {
            if (state.terminal() && state != TargetState.FAILED) {
                continue;
            }
            gauge("erasure.targets", "Unsettled erasure targets by state", "target:" + state.name(), "state", state.name());
        }
        gauge("erasure.tickets.overdue", "Tickets past their due date and not completed or cancelled", "overdue");
        gauge("erasure.tickets.at.risk", "Tickets due within 3 days and not completed or cancelled", "atRisk");
        gauge("erasure.targets.stuck", "Targets that FAILED and need a person (retry or investigate)",
                "target:" + TargetState.FAILED.name());
        gauge("audit.chain.length", "Events in the audit hash chain", "chain");
    }

    private void gauge(String name, String description, String key, String... tags) {
        ToDoubleFunction<ErasureMetrics> value = metrics -> metrics.count(key);
        Gauge.builder(name, this, value).description(description).tags(tags).register(registry);
    }

    long count(String key) {
        if (Instant.now().isAfter(countedAt.plus(MAX_AGE))) {
            refresh();
        }
        return counts.getOrDefault(key, 0L);
    }

    private synchronized void refresh() {
        if (!Instant.now().isAfter(countedAt.plus(MAX_AGE))) {
            return;
        }
        Map<String, Long> fresh = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(COUNTS)) {
            while (rows.next()) {
                fresh.put(rows.getString(1), rows.getLong(2));
            }
            counts = fresh;
        } catch (SQLException e) {
            // Keep the last numbers; readiness reports the database itself.
        }
        countedAt = Instant.now();
    }
}
