package com.erasureworker.webhook;

import com.erasureworker.erasure.Source;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The durable outbox of outgoing webhooks: {@link #publish} writes the event and one delivery per matching enabled
 * subscription <em>inside the caller's transaction</em>, so the notification commits (or rolls back) with the change it
 * reports; the delivery job sends it later from any replica. Nothing is written when no subscription wants the event.
 * Payloads carry ids, states, dates and URLs only, never personal data.
 */
@ApplicationScoped
public class Outbox {


    private static final String MATCHING = """
            from webhook_subscription where enabled
              and position(',' || :type || ',' in ',' || event_types || ',') > 0
              and (source_filter is null or cast(:source as varchar) is null or source_filter = cast(:source as varchar))
            """;

    private final EntityManager entityManager;
    private final Clock clock;
    /** Quarkus' mapper: java.time values as ISO-8601 text, not numbers. */
    private final ObjectMapper json;

    Outbox(EntityManager entityManager, Clock clock, ObjectMapper json) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.json = json;
    }

    /** Publishes an event about something of {@code source} (null: not about a ticket) to every subscriber of its type. */
    @Transactional
    public void publish(WebhookEventType type, Source source, Map<String, Object> data) {
        publish(type, source, null, data);
    }

    /**
     * Publishes an event at most once per {@code onceKey} (e.g. {@code ticket.at_risk:<ticket id>}); answers whether it
     * was published now (false: published before, or nobody subscribes).
     */
    @Transactional
    public boolean publishOnce(WebhookEventType type, Source source, String onceKey, Map<String, Object> data) {
        return publish(type, source, onceKey, data);
    }

    /** Whether any enabled subscription wants this type (lets periodic scans skip work nobody asked for). */
    @Transactional
    public boolean anySubscriber(WebhookEventType type) {
        return ((Number) entityManager.createNativeQuery("select count(*) " + MATCHING)
                .setParameter("type", type.wireName()).setParameter("source", null).getSingleResult()).longValue() > 0;
    }

    /** A test event to one subscription, whatever its event types (POST /api/v1/webhooks/{id}/test). */
    @Transactional(Transactional.TxType.MANDATORY)
    UUID publishTest(UUID subscriptionId) {
        Instant now = Instant.now(clock);
        UUID eventId = insertEvent(WebhookEventType.WEBHOOK_TEST, null, null,
                Map.of("subscriptionId", subscriptionId.toString()), now);
        UUID deliveryId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into webhook_delivery (id, event_id, subscription_id, state, attempts, next_attempt_at, created_at)
                values (:id, :event, :subscription, 'PENDING', 0, :now, :now)""")
                .setParameter("id", deliveryId).setParameter("event", eventId)
                .setParameter("subscription", subscriptionId).setParameter("now", now).executeUpdate();
        return deliveryId;
    }

    private boolean publish(WebhookEventType type, Source source, String onceKey, Map<String, Object> data) {
        String sourceName = source == null ? null : source.name();
        long subscribers = ((Number) entityManager.createNativeQuery("select count(*) " + MATCHING)
                .setParameter("type", type.wireName()).setParameter("source", sourceName).getSingleResult()).longValue();
        if (subscribers == 0) {
            return false;
        }
        Instant now = Instant.now(clock);
        UUID eventId = insertEvent(type, sourceName, onceKey, data, now);
        if (eventId == null) {
            return false;
        }
        entityManager.createNativeQuery("""
                insert into webhook_delivery (id, event_id, subscription_id, state, attempts, next_attempt_at, created_at)
                select gen_random_uuid(), :event, id, 'PENDING', 0, :now, :now\s""" + MATCHING)
                .setParameter("event", eventId).setParameter("now", now)
                .setParameter("type", type.wireName()).setParameter("source", sourceName).executeUpdate();
        return true;
    }

    /** The event row with its exact body; null when an event with the same once-key exists. */
    private UUID insertEvent(WebhookEventType type, String source, String onceKey, Map<String, Object> data,
            Instant now) {
        UUID id = UUID.randomUUID();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type.wireName());
        envelope.put("timestamp", now.toString());
        envelope.put("data", data);
        String body;
        try {
            body = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook payload of " + type.wireName() + " is not serializable", e);
        }
        int inserted = entityManager.createNativeQuery("""
                insert into webhook_event (id, type, source, payload, once_key, created_at)
                values (:id, :type, cast(:source as varchar), :payload, cast(:once as varchar), :now) on conflict (once_key) do nothing""")
                .setParameter("id", id).setParameter("type", type.wireName()).setParameter("source", source)
                .setParameter("payload", body).setParameter("once", onceKey).setParameter("now", now).executeUpdate();
        return inserted == 1 ? id : null;
    }
}
