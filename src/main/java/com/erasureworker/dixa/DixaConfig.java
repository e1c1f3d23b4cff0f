package com.erasureworker.dixa;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Settings of the Dixa gateway; environment variables DIXA_* map onto these keys (see README). */
@ConfigMapping(prefix = "dixa")
public interface DixaConfig {

    /** Base URL without version suffix, e.g. https://dev.dixa.io. */
    @WithDefault("https://dev.dixa.io")
    String apiUrl();

    /** The API token, sent raw in the Authorization header. Never logged or returned. */
    String apiToken();

    /** The agent or admin credited with closes and internal notes. */
    Optional<UUID> agentId();

    /** {@code v1} or {@code beta}; the conversation import is always sent to beta. */
    @WithDefault("v1")
    ApiVersion apiVersion();

    /**
     * Version of the filtered search ({@code POST /search/conversations}), which is missing from the v1 specification
     * file but on the live v1 page (README open question 9): its own setting, so it can move to beta alone.
     */
    @WithDefault("v1")
    ApiVersion searchApiVersion();

    /**
     * What the tenant answers to a repeated anonymize of an entity already anonymized or queued (README open question 1):
     * {@code accept} (a fresh 202) or {@code conflict} (409). The canary observes it; with {@code conflict} a 409 on
     * a conversation that already shows anonymized is reported as "already anonymized" (a permanent NOT_FOUND), not
     * as "still open", so no note, close or forced retry follows.
     */
    @WithDefault("accept")
    DuplicateAnonymize duplicateAnonymize();

    /**
     * What reading an anonymized conversation answers (README open question 3, §9.7): {@code readable} (200 with
     * {@code anonymizedAt}) or {@code not-found} (404, which then counts as anonymized when verifying).
     */
    @WithDefault("readable")
    AnonymizedRead anonymizedConversationRead();

    /**
     * What a 404 on the status read of a message request means (§9: Dixa may not show message requests):
     * {@code accept}: Dixa accepted the request (202) and shows no status; the target is done, marked
     * {@code UNCONFIRMED} (a message is never read back: the worker does not fetch content). {@code fail}: the target
     * fails, as a 404 on any other request does after a read of its conversation.
     */
    @WithDefault("accept")
    MessageStatusNotFound messageStatusNotFound();

    /** Claim a conversation for {@code agentId} (force=false) before force-closing it, so agents see who took it. */
    @WithDefault("false")
    boolean claimBeforeClose();

    /** Connect timeout of every Dixa call, in milliseconds. */
    @WithDefault("5000")
    int connectTimeoutMs();

    /** Read timeout of every Dixa call, in milliseconds; a timeout counts as transient. */
    @WithDefault("15000")
    int readTimeoutMs();

    /** A conversation custom attribute (Text) set to the ticket reference before anonymizing; unset = no marking. */
    Optional<UUID> erasureAttributeId();

    Retry retry();

    RateLimit rateLimit();

    /** Quick retries of transient failures (5xx, timeouts, resets) inside one gateway call. */
    interface Retry {
        /** Further attempts after the first one; 0 disables in-call retries. */
        @WithDefault("2")
        int maxRetries();

        /** First backoff delay; doubles per retry, with jitter (erasure/Backoff: half to the whole delay). */
        @WithDefault("200ms")
        Duration initialDelay();
    }

    /** The token's budget at Dixa: all calls of this process pass through {@link DixaRateGovernor}. */
    interface RateLimit {
        @WithDefault("10")
        int perSecond();

        @WithDefault("4")
        int burst();

        @WithDefault("864000")
        long dailyQuota();

        /** How long one call may wait for a permit before it gives up as rate limited (without calling Dixa). */
        @WithDefault("30s")
        Duration maxWait();

        /** How long every caller pauses after a 429 that carried no Retry-After. */
        @WithDefault("1s")
        Duration pauseAfterTooManyRequests();
    }

    enum ApiVersion {
        v1, beta
    }

    /** Written {@code accept} / {@code conflict} in configuration (SmallRye matches enum names hyphenated). */
    enum DuplicateAnonymize {
        ACCEPT, CONFLICT
    }

    /** Written {@code accept} / {@code fail} in configuration. */
    enum MessageStatusNotFound {
        ACCEPT, FAIL
    }

    /** Written {@code readable} / {@code not-found} in configuration. */
    enum AnonymizedRead {
        READABLE, NOT_FOUND
    }
}
