package com.erasureworker.webhook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The delivery job: every tick, on every replica, claims up to {@code WEBHOOK_BATCH_SIZE} due deliveries, sends them
 * in parallel outside any transaction and records each result in its own. Replicas never send the same claimed
 * delivery (SKIP LOCKED), so more replicas only mean more throughput.
 */
@ApplicationScoped
class WebhookJobs {

    private static final Logger LOG = Logger.getLogger(WebhookJobs.class);

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;

    WebhookJobs(WebhookDeliveries deliveries, WebhookSender sender) {
        this.deliveries = deliveries;
        this.sender = sender;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${webhooks.tick:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        List<PendingDelivery> due = deliveries.claim();
        if (due.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(due.stream().map(delivery -> sender.send(delivery).thenAccept(result -> {
            try {
                deliveries.record(delivery, result);
            } catch (RuntimeException e) {
                // Left as claimed: it is due again when its claim runs out, and sent again (at least once).
                LOG.warnf("webhook delivery %s: result not saved (%s)", delivery.id(), e.getClass().getSimpleName());
            }
        })).toArray(CompletableFuture[]::new)).join();
    }
}
