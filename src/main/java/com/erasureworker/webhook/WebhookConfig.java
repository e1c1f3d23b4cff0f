package com.erasureworker.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Outgoing webhooks: the key that seals subscription secrets, delivery pacing and how long a delivery is tried. */
@ConfigMapping(prefix = "webhooks")
public interface WebhookConfig {

    /** Key (any text of at least 32 characters) that seals the signing secrets at rest; required in production. */
    Optional<String> secretKey();

    /**
     * This worker's public base URL (e.g. {@code https://erasure.example.com}): links in events (certificates) and the
     * address Dixa posts its events to. Without it, links are paths relative to the worker.
     */
    Optional<String> publicUrl();

    /** Whether receiver URLs may be plain http; off in production (refused with 422), on in dev and test. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Whether receivers may be on loopback addresses (127.0.0.0/8, ::1, localhost): for tests and local runs only,
     * refused in production. Every other internal address is refused regardless.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** How long a delivery is retried after its event was published before it is marked dead. */
    @WithDefault("3d")
    Duration maxAge();

    @WithDefault("10s")
    Duration backoffInitial();

    @WithDefault("1h")
    Duration backoffMax();

    /** Deliveries one run of the job sends at most (in parallel); the rest wait for the next tick. */
    @WithDefault("20")
    int batchSize();

    @WithDefault("5s")
    Duration connectTimeout();

    /** How often tickets are checked for ticket.at_risk and ticket.overdue. */
    @WithDefault("1m")
    Duration deadlineScan();

    /** How often the delivery job looks for due deliveries (read by its {@code @Scheduled}). */
    @WithDefault("1s")
    Duration tick();

    /** Longest wait for a receiver's answer; a timeout counts as a failed attempt. */
    @WithDefault("10s")
    Duration requestTimeout();
}
