package com.erasureworker.webhook;

import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions of outgoing webhooks (admin): create (the secret is made here and shown once), change, list, a test
 * event, the delivery log and replaying a delivery. Every change is audited without the URL's query or the secret.
 */
@ApplicationScoped
class WebhookSubscriptions {

    private final SecretSeal seal;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final Clock clock;

    WebhookSubscriptions(SecretSeal seal, Outbox outbox, AuditTrail audit, EntityManager entityManager, Clock clock) {
        this.seal = seal;
        this.outbox = outbox;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    SubscriptionView create(SubscriptionRequest request, String admin) {
        String secret = WebhookSignature.newSecret();
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.secretSealed = seal.seal(secret);
        subscription.createdBy = admin;
        subscription.createdAt = Instant.now(clock);
        apply(subscription, request);
        subscription.persist();
        audited(subscription, "created", admin);
        return SubscriptionView.of(subscription, secret);
    }

    @Transactional
    SubscriptionView update(UUID id, SubscriptionRequest request, String admin) {
        WebhookSubscription subscription = find(id);
        apply(subscription, request);
        audited(subscription, "changed", admin);
        return SubscriptionView.of(subscription, null);
    }

    @Transactional
    List<SubscriptionView> list() {
        return WebhookSubscription.<WebhookSubscription>list("order by createdAt, id").stream()
                .map(subscription -> SubscriptionView.of(subscription, null)).toList();
    }

    @Transactional
    SubscriptionView get(UUID id) {
        return SubscriptionView.of(find(id), null);
    }

    /** Queues a {@code webhook.test} event for this subscription alone; answers the delivery's id. */
    @Transactional
    UUID test(UUID id, String admin) {
        WebhookSubscription subscription = find(id);
        UUID delivery = outbox.publishTest(subscription.id);
        audited(subscription, "test sent", admin);
        return delivery;
    }

    @Transactional
    DeliveryPage deliveries(UUID id, int page, int size) {
        find(id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select d.id, d.event_id, e.type, d.state, d.attempts, d.last_status, d.last_response_size,
                       d.last_duration_ms, d.last_error, d.last_attempt_at, d.next_attempt_at, d.delivered_at,
                       d.created_at
                from webhook_delivery d join webhook_event e on e.id = d.event_id
                where d.subscription_id = :id order by d.created_at desc, d.id limit :size offset :offset""")
                .setParameter("id", id).setParameter("size", size).setParameter("offset", (long) page * size)
                .getResultList();
        long total = ((Number) entityManager.createNativeQuery(
                "select count(*) from webhook_delivery where subscription_id = :id").setParameter("id", id)
                .getSingleResult()).longValue();
        return new DeliveryPage(rows.stream().map(WebhookSubscriptions::view).toList(), page, size, total);
    }

    /**
     * Sends a delivery again (whatever its state), at once: a new attempt series with the same event id, retried for
     * {@code WEBHOOK_MAX_AGE} from now.
     */
    @Transactional
    void replay(UUID id, UUID deliveryId, String admin) {
        WebhookSubscription subscription = find(id);
        int updated = entityManager.createNativeQuery("""
                update webhook_delivery set state = 'PENDING', attempts = 0, next_attempt_at = :now, created_at = :now
                where id = :delivery and subscription_id = :subscription""")
                .setParameter("now", Instant.now(clock)).setParameter("delivery", deliveryId)
                .setParameter("subscription", id).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("No such delivery of this subscription.");
        }
        audited(subscription, "delivery replayed", admin);
    }

    private void apply(WebhookSubscription subscription, SubscriptionRequest request) {
        subscription.url = request.url();
        subscription.eventTypes = String.join(",", request.eventTypes());
        subscription.sourceFilter = request.source();
        subscription.enabled = request.enabled();
        subscription.updatedAt = Instant.now(clock);
    }

    private void audited(WebhookSubscription subscription, String action, String admin) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subscriptionId", subscription.id.toString());
        detail.put("action", action);
        detail.put("eventTypes", subscription.eventTypes);
        detail.put("enabled", subscription.enabled);
        audit.record(AuditType.WEBHOOK_SUBSCRIPTION_CHANGED, admin, null, null, detail);
    }

    private static WebhookSubscription find(UUID id) {
        WebhookSubscription subscription = WebhookSubscription.findById(id);
        if (subscription == null) {
            throw ProblemException.notFound("No such webhook subscription.");
        }
        return subscription;
    }

    private static DeliveryView view(Object[] row) {
        return new DeliveryView((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                ((Number) row[4]).intValue(), row[5] == null ? null : ((Number) row[5]).intValue(),
                row[6] == null ? null : ((Number) row[6]).longValue(), row[7] == null ? null : ((Number) row[7]).longValue(),
                (String) row[8], WebhookDeliveries.instant(row[9]),
                WebhookDeliveries.instant(row[10]), WebhookDeliveries.instant(row[11]),
                WebhookDeliveries.instant(row[12]));
    }
}
