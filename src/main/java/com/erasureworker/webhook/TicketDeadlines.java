package com.erasureworker.webhook;

import com.erasureworker.api.QueryParameters;
import com.erasureworker.erasure.ErasureRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Publishes {@code ticket.at_risk} (due within 3 days) and {@code ticket.overdue} (past due), once per ticket, for
 * tickets not completed or cancelled (the same definitions as the {@code erasure_tickets_at_risk} and
 * {@code erasure_tickets_overdue} gauges). A time-driven change has no transaction of its own to join: the scan finds
 * tickets without the event (by its once-key) and publishes each in its own transaction; replicas racing on one ticket
 * publish it once (unique once-key). Bounded per run; skipped when nobody subscribes.
 */
@ApplicationScoped
class TicketDeadlines {

    static final Duration AT_RISK = Duration.ofDays(3);
    private static final int PER_RUN = 500;
    private static final String DUE = """
            select r.id from erasure_request r
            where r.state not in ('COMPLETED', 'CANCELLED') and r.due_at < :before and r.due_at >= :notBefore
              and not exists (select 1 from webhook_event e where e.once_key = :prefix || cast(r.id as varchar))
            order by r.due_at limit :limit
            """;

    private final Outbox outbox;
    private final TicketEvents events;
    private final EntityManager entityManager;
    private final Clock clock;

    TicketDeadlines(Outbox outbox, TicketEvents events, EntityManager entityManager, Clock clock) {
        this.outbox = outbox;
        this.events = events;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(identity = "webhook-ticket-deadlines", every = "${webhooks.deadline-scan:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        Instant now = Instant.now(clock);
        publish(WebhookEventType.TICKET_OVERDUE, QueryParameters.EARLIEST, now);
        publish(WebhookEventType.TICKET_AT_RISK, now, now.plus(AT_RISK));
    }

    /** Tickets due in {@code [notBefore, before)} that have not had this event yet. */
    void publish(WebhookEventType type, Instant notBefore, Instant before) {
        if (!QuarkusTransaction.requiringNew().call(() -> outbox.anySubscriber(type))) {
            return;
        }
        String prefix = type.wireName() + ":";
        @SuppressWarnings("unchecked")
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(DUE, UUID.class)
                .setParameter("before", before).setParameter("notBefore", notBefore).setParameter("prefix", prefix)
                .setParameter("limit", PER_RUN).getResultList());
        for (UUID id : due) {
            QuarkusTransaction.requiringNew().run(() -> {
                ErasureRequest request = ErasureRequest.findById(id);
                outbox.publishOnce(type, request.source, prefix + id, events.deadline(request));
            });
        }
    }
}
