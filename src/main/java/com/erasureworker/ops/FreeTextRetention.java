package com.erasureworker.ops;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes free text people typed, and webhook bodies already delivered, once they are older than
 * {@code FREE_TEXT_RETENTION} (default 90 days): a ticket's reason (finished tickets), deadline-extension reasons,
 * the reasons of released legal holds and of a lifted pause, and the payload of webhook events with no delivery still
 * pending. The audit trail keeps only hashes and ids of these, so nothing it proves is lost. Daily, one replica.
 */
@ApplicationScoped
public class FreeTextRetention {

    private static final Logger LOG = Logger.getLogger(FreeTextRetention.class);
    /** What a purged payload reads; a replay of it is refused (webhook/WebhookSubscriptions). */
    public static final String PURGED = "";

    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration keep;

    FreeTextRetention(EntityManager entityManager, Clock clock,
            @ConfigProperty(name = "privacy.free-text-retention", defaultValue = "90d") Duration keep) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(identity = "free-text-retention", cron = "${privacy.free-text-retention-cron:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        Map<String, Integer> purged = purge();
        LOG.infof("free-text retention: %s", purged);
    }

    /** Purges what is older than the retention period now; answers how many rows each kind touched. */
    @Transactional
    public Map<String, Integer> purge() {
        Instant cutoff = Instant.now(clock).minus(keep);
        Map<String, Integer> purged = new LinkedHashMap<>();
        purged.put("ticketReasons", update("""
                update erasure_request set reason = null
                where reason is not null and completed_at is not null and completed_at < :cutoff""", cutoff));
        purged.put("deadlineExtensionReasons", update("""
                update deadline_extension set reason = ''
                where reason <> '' and extended_at < :cutoff""", cutoff));
        purged.put("legalHoldReasons", update("""
                update legal_hold set reason = '', release_reason = null
                where released_at is not null and released_at < :cutoff
                  and (reason <> '' or release_reason is not null)""", cutoff));
        purged.put("pauseReason", update("""
                update processing_control set reason = null
                where not paused and reason is not null and changed_at < :cutoff""", cutoff));
        purged.put("webhookPayloads", update("""
                update webhook_event e set payload = ''
                where e.payload <> '' and e.created_at < :cutoff
                  and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.state = 'PENDING')""",
                cutoff));
        return purged;
    }

    private int update(String sql, Instant cutoff) {
        return entityManager.createNativeQuery(sql).setParameter("cutoff", cutoff).executeUpdate();
    }
}
