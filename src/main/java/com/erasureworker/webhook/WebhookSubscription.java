package com.erasureworker.webhook;

import com.erasureworker.erasure.Source;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A receiver of outgoing webhooks: where, which events, which ticket source, and its sealed signing secret. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;
    public String url;
    /** Comma-separated wire names ({@link WebhookEventType#wireName()}). */
    public String eventTypes;
    @Enumerated(EnumType.STRING)
    public Source sourceFilter;
    public String secretSealed;
    public boolean enabled;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    /** When {@link #url} last changed (creation counts): deliveries older than this were made for another URL. */
    public Instant urlChangedAt;
    @Version
    public long version;

    List<String> eventTypeList() {
        return Arrays.asList(eventTypes.split(","));
    }
}
