package com.erasureworker.webhook;

import com.erasureworker.erasure.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The outbox's delivery bookkeeping. {@link #claim} takes due deliveries with {@code FOR UPDATE SKIP LOCKED}, so any
 * number of replicas share the work without sending one twice, and pushes their next attempt past the send's longest
 * duration (a replica that dies mid-send leaves them due again then: at least once). {@link #record} saves an
 * attempt: delivered, or retried with the one backoff policy (exponential, jitter), or dead once the event is older
 * than {@code WEBHOOK_MAX_AGE}
 * (counted from publication, or from the admin's replay).
 */
@ApplicationScoped
class WebhookDeliveries {

    private static final String DUE = """
            select d.id, d.event_id, e.payload, e.created_at, d.created_at, s.url, s.secret_sealed, d.attempts
            from webhook_delivery d
            join webhook_event e on e.id = d.event_id
            join webhook_subscription s on s.id = d.subscription_id
            where d.state = 'PENDING' and d.next_attempt_at <= :now and (s.enabled or e.type = 'webhook.test')
            order by d.next_attempt_at
            limit :limit
            for update of d skip locked
            """;

    private final EntityManager entityManager;
    private final WebhookConfig config;
    private final SecretSeal seal;
    private final WebhookMetrics metrics;
    private final Clock clock;

    WebhookDeliveries(EntityManager entityManager, WebhookConfig config, SecretSeal seal, WebhookMetrics metrics,
            Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.seal = seal;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional
    List<PendingDelivery> claim() {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(DUE).setParameter("now", now)
                .setParameter("limit", config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
        Duration inFlight = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
        entityManager.createNativeQuery("update webhook_delivery set next_attempt_at = :until where id in (:ids)")
                .setParameter("until", now.plus(inFlight)).setParameter("ids", ids).executeUpdate();
        return rows.stream().map(row -> new PendingDelivery((UUID) row[0], (UUID) row[1], (String) row[2],
                instant(row[3]), instant(row[4]), (String) row[5], seal.open((String) row[6]), ((Number) row[7]).intValue()))
                .toList();
    }

    @Transactional
    void record(PendingDelivery delivery, DeliveryResult result) {
        Instant now = Instant.now(clock);
        int attempts = delivery.attempts() + 1;
        String state;
        Instant next = now;
        if (result.delivered()) {
            state = "DELIVERED";
            metrics.delivered(Duration.between(delivery.eventCreatedAt(), now));
        } else if (!now.isBefore(delivery.since().plus(config.maxAge()))) {
            state = "DEAD";
            metrics.dead();
        } else {
            state = "PENDING";
            next = now.plus(new Backoff(config.backoffInitial(), config.backoffMax()).delay(attempts, null));
            metrics.failed();
        }
        entityManager.createNativeQuery("""
                update webhook_delivery set state = :state, attempts = :attempts, next_attempt_at = :next,
                       last_attempt_at = :now, last_status = cast(:status as integer), last_response_size = :size,
                       last_duration_ms = :duration, last_error = cast(:error as varchar),
                       delivered_at = case when :delivered then :now else delivered_at end
                where id = :id and state = 'PENDING'""")
                .setParameter("state", state).setParameter("attempts", attempts).setParameter("next", next)
                .setParameter("now", now).setParameter("status", result.status())
                .setParameter("size", result.responseSize()).setParameter("duration", result.duration().toMillis())
                .setParameter("error", result.error()).setParameter("delivered", result.delivered())
                .setParameter("id", delivery.id()).executeUpdate();
    }

    /** A timestamp column as the JDBC driver hands it over (null stays null). */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
