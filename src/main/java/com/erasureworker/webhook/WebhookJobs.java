package com.erasureworker.webhook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The delivery job: every tick, on every replica, claims up to {@code WEBHOOK_BATCH_SIZE} due deliveries, sends them
 * in parallel outside any transaction and records each result in its own. Replicas never send the same claimed
 * delivery (SKIP LOCKED), so more replicas only mean more throughput.
 */
@ApplicationScoped
public class WebhookJobs {

    private static final Logger LOG = Logger.getLogger(WebhookJobs.class);

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    /** Runs in progress here: the job is not {@code @Nonconcurrent}, so Quartz cannot tell whether it still works. */
    private final AtomicInteger runsInProgress = new AtomicInteger();

    WebhookJobs(WebhookDeliveries deliveries, WebhookSender sender) {
        this.deliveries = deliveries;
        this.sender = sender;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${webhooks.tick:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        runsInProgress.incrementAndGet();
        try {
            deliverDue();
        } finally {
            runsInProgress.decrementAndGet();
        }
    }

    /** Whether a delivery run is in progress on this replica. */
    public boolean delivering() {
        return runsInProgress.get() > 0;
    }

    private void deliverDue() {
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
