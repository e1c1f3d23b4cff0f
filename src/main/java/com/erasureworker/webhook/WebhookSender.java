package com.erasureworker.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed delivery with the JDK HTTP client: Standard Webhooks headers, connect and request timeouts, no
 * redirects (a redirect is a failed attempt, so a receiver cannot bounce events elsewhere). The answer's body is read
 * only to count its size (capped) and then dropped.
 */
@ApplicationScoped
class WebhookSender {

    private static final long MAX_COUNTED = 1 << 20;

    private final HttpClient client;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookSender(WebhookConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CompletableFuture<DeliveryResult> send(PendingDelivery delivery) {
        long timestamp = Instant.now(clock).getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "dixa-erasure-worker-webhooks")
                    .header("webhook-id", delivery.eventId().toString())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(delivery.secret(), delivery.eventId().toString(),
                            timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new DeliveryResult(null, 0, Duration.ZERO, "invalid URL"));
        }
        long started = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> new DeliveryResult(response.statusCode(), countAndDrop(response.body()),
                        Duration.ofNanos(System.nanoTime() - started), null))
                .exceptionally(failure -> new DeliveryResult(null, 0, Duration.ofNanos(System.nanoTime() - started),
                        describe(failure)));
    }

    private static long countAndDrop(InputStream body) {
        long size = 0;
        byte[] buffer = new byte[8192];
        try (body) {
            int read;
            while (size < MAX_COUNTED && (read = body.read(buffer)) >= 0) {
                size += read;
            }
        } catch (IOException e) {
            // The status arrived; a broken body only makes the size a lower bound.
        }
        return size;
    }

    /** The failure's kind only: messages may quote the URL, whose query could hold a receiver's token. */
    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        return cause.getClass().getSimpleName();
    }
}
