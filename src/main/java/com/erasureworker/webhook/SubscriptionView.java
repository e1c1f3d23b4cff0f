package com.erasureworker.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it. {@code secret} is present only in the answer to its creation: the worker keeps
 * it sealed and never shows it again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String url, List<String> eventTypes, String source, boolean enabled,
        String createdBy, Instant createdAt, Instant updatedAt, String secret) {

    static SubscriptionView of(WebhookSubscription subscription, String secretOrNull) {
        return new SubscriptionView(subscription.id, subscription.url, subscription.eventTypeList(),
                subscription.sourceFilter == null ? null : subscription.sourceFilter.name(), subscription.enabled,
                subscription.createdBy, subscription.createdAt, subscription.updatedAt, secretOrNull);
    }
}
