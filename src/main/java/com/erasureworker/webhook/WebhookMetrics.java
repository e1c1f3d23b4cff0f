package com.erasureworker.webhook;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivery metrics: attempts by outcome (ok, failed, dead), time from publication to delivery, and, counted in the
 * database at most every 10 seconds so every replica reports the same, deliveries pending and dead and the lag (age of
 * the oldest pending event of an enabled subscription).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // the series exist from the start, so alerts and the dashboard see 0 rather than nothing
class WebhookMetrics {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final String COUNTS = """
            select count(*) filter (where d.state = 'PENDING' and s.enabled),
                   count(*) filter (where d.state = 'DEAD'),
                   coalesce(extract(epoch from now() - min(e.created_at) filter (where d.state = 'PENDING' and s.enabled)), 0)
            from webhook_delivery d join webhook_event e on e.id = d.event_id
            join webhook_subscription s on s.id = d.subscription_id
            where d.state in ('PENDING', 'DEAD')
            """;

    private final Counter ok;
    private final Counter failed;
    private final Counter dead;
    private final Timer latency;
    private final AgroalDataSource dataSource;
    private volatile double[] counts = {0, 0, 0};
    private volatile Instant countedAt = Instant.EPOCH;

    WebhookMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        String description = "Webhook delivery attempts by outcome (dead: given up after WEBHOOK_MAX_AGE)";
        ok = Counter.builder("webhook.deliveries").description(description).tag("outcome", "ok").register(registry);
        failed = Counter.builder("webhook.deliveries").description(description).tag("outcome", "failed")
                .register(registry);
        dead = Counter.builder("webhook.deliveries").description(description).tag("outcome", "dead").register(registry);
        latency = Timer.builder("webhook.delivery.latency").description("From an event's publication to its delivery")
                .register(registry);
        Gauge.builder("webhook.deliveries.pending", this, metrics -> metrics.counted(0))
                .description("Deliveries waiting to be sent or retried (enabled subscriptions)").register(registry);
        Gauge.builder("webhook.deliveries.dead", this, metrics -> metrics.counted(1))
                .description("Deliveries given up (replay them after fixing the receiver)").register(registry);
        Gauge.builder("webhook.delivery.lag.seconds", this, metrics -> metrics.counted(2))
                .description("Age of the oldest event still waiting for delivery").register(registry);
    }

    void delivered(Duration sincePublished) {
        ok.increment();
        latency.record(sincePublished);
    }

    void failed() {
        failed.increment();
    }

    void dead() {
        dead.increment();
    }

    private double counted(int index) {
        if (Instant.now().isAfter(countedAt.plus(MAX_AGE))) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(COUNTS)) {
                row.next();
                counts = new double[] {row.getLong(1), row.getLong(2), row.getDouble(3)};
                countedAt = Instant.now();
            } catch (SQLException e) {
                // The last counts stay; readiness reports the database.
            }
        }
        return counts[index];
    }
}
