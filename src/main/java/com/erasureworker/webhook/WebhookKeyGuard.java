package com.erasureworker.webhook;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Stops a production start whose webhook settings are unsafe: no {@code WEBHOOK_SECRET_KEY} (signing secrets could not
 * be sealed), a short one or the dev/test demo key, {@code WEBHOOK_ALLOW_HTTP=true} (events would travel in clear) or
 * {@code WEBHOOK_ALLOW_LOOPBACK=true} (webhooks could probe services on the worker's own host).
 */
@ApplicationScoped
class WebhookKeyGuard {

    private static final Logger LOG = Logger.getLogger(WebhookKeyGuard.class);
    static final Set<String> DEMO_KEYS = Set.of("dev-only-webhook-secret-key-do-not-use-in-production",
            "test-only-webhook-secret-key-do-not-use-in-production");

    void refuseUnsafeWebhooks(@Observes @Priority(-1) StartupEvent event, WebhookConfig config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> refusals = refusals(config.secretKey(), config.allowHttp(), config.allowLoopback());
        if (!refusals.isEmpty()) {
            String message = String.join(" ", refusals);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    static List<String> refusals(Optional<String> key, boolean allowHttp) {
        return refusals(key, allowHttp, false);
    }

    static List<String> refusals(Optional<String> key, boolean allowHttp, boolean allowLoopback) {
        List<String> refusals = new ArrayList<>();
        String value = key.map(String::strip).orElse("");
        if (value.length() < 32) {
            refusals.add("WEBHOOK_SECRET_KEY must be set to at least 32 characters (e.g. `openssl rand -base64 48`): it "
                    + "seals the webhook signing secrets in the database.");
        } else if (DEMO_KEYS.contains(value)) {
            refusals.add("WEBHOOK_SECRET_KEY is a published dev/test demo key; make your own.");
        }
        if (allowHttp) {
            refusals.add("WEBHOOK_ALLOW_HTTP=true is refused in production: webhook events travel only over https.");
        }
        if (allowLoopback) {
            refusals.add("WEBHOOK_ALLOW_LOOPBACK=true is refused in production: it lets webhooks reach services on "
                    + "this host; it is for tests and local runs.");
        }
        return refusals;
    }
}
