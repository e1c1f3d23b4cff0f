package com.erasureworker.webhook;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions of outgoing webhooks (admin): create (the secret is made here and shown once), change, list, a test
 * event, the delivery log and replaying a delivery. Every change is audited with the URL's host, never its path, query or
 * the secret.
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
        subscription.urlChangedAt = subscription.createdAt;
        subscription.persist();
        audited(subscription, "created", admin, Map.of("host", host(subscription.url)));
        return SubscriptionView.of(subscription, secret);
    }

    @Transactional
    SubscriptionView update(UUID id, SubscriptionRequest request, String admin) {
        WebhookSubscription subscription = find(id);
        String before = subscription.url;
        apply(subscription, request);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("host", host(subscription.url));
        if (!before.equals(subscription.url)) {
            subscription.urlChangedAt = subscription.updatedAt;
            extra.put("urlChanged", true);
            extra.put("previousHost", host(before));
        }
        audited(subscription, "changed", admin, extra);
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
        audited(subscription, "test sent", admin, Map.of());
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
     * {@code WEBHOOK_MAX_AGE} from now. A delivery made before the subscription's URL last changed goes to the new URL
     * only with {@code toChangedUrl} (409 otherwise), and the audit event says so.
     */
    @Transactional
    void replay(UUID id, UUID deliveryId, boolean toChangedUrl, String admin) {
        WebhookSubscription subscription = find(id);
        List<?> made = entityManager.createNativeQuery("""
                select d.created_at, e.payload = '' from webhook_delivery d join webhook_event e on e.id = d.event_id
                where d.id = :delivery and d.subscription_id = :subscription""")
                .setParameter("delivery", deliveryId).setParameter("subscription", id).getResultList();
        if (made.isEmpty()) {
            throw ProblemException.notFound("No such delivery of this subscription.");
        }
        Object[] row = (Object[]) made.get(0);
        if (Boolean.TRUE.equals(row[1])) {
            throw new ProblemException(Problem.of(409, "payload-purged", "The event's body was deleted",
                    "This delivery is older than FREE_TEXT_RETENTION; its body was deleted and cannot be sent again."));
        }
        boolean urlChanged = WebhookDeliveries.instant(row[0]).isBefore(subscription.urlChangedAt);
        if (urlChanged && !toChangedUrl) {
            throw new ProblemException(Problem.of(409, "url-changed", "The URL changed",
                    "This delivery was made before the subscription's URL changed; replay it to the new URL with "
                            + "toChangedUrl=true."));
        }
        int updated = entityManager.createNativeQuery("""
                update webhook_delivery set state = 'PENDING', attempts = 0, next_attempt_at = :now, created_at = :now
                where id = :delivery and subscription_id = :subscription""")
                .setParameter("now", Instant.now(clock)).setParameter("delivery", deliveryId)
                .setParameter("subscription", id).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("No such delivery of this subscription.");
        }
        audited(subscription, "delivery replayed", admin, urlChanged
                ? Map.of("host", host(subscription.url), "toChangedUrl", true) : Map.of("host", host(subscription.url)));
    }

    private void apply(WebhookSubscription subscription, SubscriptionRequest request) {
        subscription.url = request.url();
        subscription.eventTypes = String.join(",", request.eventTypes());
        subscription.sourceFilter = request.source();
        subscription.enabled = request.enabled();
        subscription.updatedAt = Instant.now(clock);
    }

    /** The URL's host (with port) for the audit trail: where events go is visible, its path and query are not. */
    static String host(String url) {
        URI uri = URI.create(url);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private void audited(WebhookSubscription subscription, String action, String admin, Map<String, Object> extra) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subscriptionId", subscription.id.toString());
        detail.put("action", action);
        detail.put("eventTypes", subscription.eventTypes);
        detail.put("enabled", subscription.enabled);
        detail.putAll(extra);
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
