package com.erasureworker.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one signed delivery: resolves the receiver's host once, refuses it unless every address is public
 * ({@link ReceiverAddresses}; the refusal is the attempt's recorded error and the receiver is not contacted), and
 * connects to exactly the checked address, while TLS still checks the certificate against the host name. Standard
 * Webhooks headers, connect and request timeouts, no redirects (a redirect is a failed attempt, so a receiver cannot
 * bounce events elsewhere). The answer's body is read only to count its size (capped) and then dropped.
 */
@ApplicationScoped
class WebhookSender {

    private static final long MAX_COUNTED = 1 << 20;

    private final HttpClient client;
    private final WebhookConfig config;
    private final ReceiverAddresses addresses;
    private final Clock clock;

    WebhookSender(WebhookConfig config, ReceiverAddresses addresses, Clock clock, Vertx vertx) {
        this.config = config;
        this.addresses = addresses;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setVerifyHost(true).setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Called on a worker thread (the DNS lookup blocks); completes off the event loop, so callers may block. */
    CompletableFuture<DeliveryResult> send(PendingDelivery delivery) {
        URI uri;
        try {
            uri = new URI(delivery.url());
        } catch (URISyntaxException e) {
            return CompletableFuture.completedFuture(failed(Duration.ZERO, "invalid URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return CompletableFuture.completedFuture(failed(Duration.ZERO, "invalid URL"));
        }
        ReceiverAddresses.Checked checked = addresses.check(uri);
        if (!checked.allowed()) {
            return CompletableFuture.completedFuture(failed(Duration.ZERO, "not sent: " + checked.refusal()));
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timestamp = Instant.now(clock).getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setSsl(tls).setHost(host)
                .setPort(port).setURI(path).setServer(SocketAddress.inetSocketAddress(port,
                        checked.address().getHostAddress()))
                .setTimeout(config.requestTimeout().toMillis()).setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "dixa-erasure-worker-webhooks")
                .putHeader("webhook-id", delivery.eventId().toString())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(delivery.secret(),
                        delivery.eventId().toString(), timestamp, delivery.payload()));
        long started = System.nanoTime();
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        client.request(options)
                .compose(request -> request.send(delivery.payload()))
                .onSuccess(response -> countAndDrop(response, started, result))
                .onFailure(failure -> result.complete(failed(since(started), describe(failure))));
        // Whatever happens on the event loop, the caller gets a result: a delivery whose outcome never arrives must
        // not hold the delivery job (it did once, forever, when a handler threw; see countAndDrop).
        result.completeOnTimeout(failed(since(started), "no result"), config.requestTimeout().toMillis() + 5_000,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        // Off the event loop: the caller records the result in a transaction.
        return result.thenApplyAsync(done -> done);
    }

    private static void countAndDrop(HttpClientResponse response, long started, CompletableFuture<DeliveryResult> result) {
        try {
            count(response, started, result);
        } catch (IllegalStateException alreadyEnded) {
            // Vert.x refuses handlers on a response that has already ended (a short answer received whole before
            // this callback ran): the status is known, the size is not counted.
            result.complete(new DeliveryResult(response.statusCode(), 0, since(started), null));
        }
    }

    private static void count(HttpClientResponse response, long started, CompletableFuture<DeliveryResult> result) {
        AtomicLong size = new AtomicLong();
        response.handler(buffer -> {
            if (size.addAndGet(buffer.length()) >= MAX_COUNTED) {
                response.request().reset();
                result.complete(new DeliveryResult(response.statusCode(), size.get(), since(started), null));
            }
        });
        // The status arrived; a broken body only makes the size a lower bound.
        response.exceptionHandler(broken -> result.complete(
                new DeliveryResult(response.statusCode(), size.get(), since(started), null)));
        response.endHandler(end -> result.complete(
                new DeliveryResult(response.statusCode(), size.get(), since(started), null)));
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static DeliveryResult failed(Duration duration, String error) {
        return new DeliveryResult(null, 0, duration, error);
    }

    /** The failure's kind only: messages may quote the URL, whose query could hold a receiver's token. */
    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String kind = cause.getClass().getSimpleName();
        return kind.toLowerCase(Locale.ROOT).contains("timeout") ? "timeout" : kind;
    }
}
