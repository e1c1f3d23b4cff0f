package com.erasureworker.dixaevents;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaWebhook;
import com.erasureworker.webhook.WebhookConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates or updates the worker's webhook subscription at Dixa ({@code POST}/{@code PATCH /v1/webhooks}): Dixa posts
 * {@code ConversationClosed} and {@code ConversationOpen} to {@code WORKER_PUBLIC_URL/api/v1/dixa-events} with the
 * configured Basic credentials. Found again by its name, so repeating the call updates instead of duplicating.
 */
@ApplicationScoped
class DixaSubscription {

    static final List<String> EVENTS = List.of(DixaEvents.CLOSED, "ConversationOpen");

    private final DixaClient dixa;
    private final DixaEventsConfig config;
    private final WebhookConfig webhooks;
    private final AuditTrail audit;

    DixaSubscription(DixaClient dixa, DixaEventsConfig config, WebhookConfig webhooks, AuditTrail audit) {
        this.dixa = dixa;
        this.config = config;
        this.webhooks = webhooks;
        this.audit = audit;
    }

    DixaSubscriptionView createOrUpdate(String admin) {
        List<Problem.FieldError> missing = new ArrayList<>();
        if (config.username().isEmpty() || config.password().filter(p -> !p.isBlank()).isEmpty()) {
            missing.add(new Problem.FieldError("DIXA_EVENTS_USERNAME/DIXA_EVENTS_PASSWORD", "not configured"));
        }
        if (webhooks.publicUrl().isEmpty()) {
            missing.add(new Problem.FieldError("WORKER_PUBLIC_URL", "not configured"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(Problem.of(409, "not-configured", "Not configured",
                    "The worker cannot subscribe at Dixa before these settings are made; nothing was changed.", missing));
        }
        String url = webhooks.publicUrl().get().replaceAll("/+$", "") + "/api/v1/dixa-events";
        DixaWebhook.Input input = new DixaWebhook.Input(config.subscriptionName(), url, EVENTS,
                DixaWebhook.Authorization.basic(config.username().get(), config.password().get()), true);
        List<DixaCall> calls = new ArrayList<>();
        DixaOutcome<List<DixaWebhook>> listed = dixa.listWebhooks();
        calls.addAll(listed.calls());
        DixaOutcome<DixaWebhook> saved = null;
        String action = "created";
        if (listed.isOk()) {
            Optional<DixaWebhook> existing = listed.value().stream()
                    .filter(hook -> config.subscriptionName().equals(hook.name())).findFirst();
            saved = existing.isPresent() ? dixa.patchWebhook(existing.get().id(), input) : dixa.createWebhook(input);
            action = existing.isPresent() ? "updated" : "created";
            calls.addAll(saved.calls());
        }
        boolean done = saved != null && saved.isOk();
        String result = action;
        QuarkusTransaction.requiringNew().run(() -> {
            audit.recordCalls(calls, null, null);
            if (done) {
                audit.record(AuditType.WEBHOOK_SUBSCRIPTION_CHANGED, admin, null, null,
                        Map.of("at", "dixa", "action", result, "events", String.join(",", EVENTS)));
            }
        });
        if (!done) {
            DixaOutcome<?> failed = saved != null ? saved : listed;
            throw new ProblemException(Problem.of(502, "dixa-refused", "Dixa did not accept the subscription",
                    "Dixa answered " + failed.kind() + "; nothing was changed at Dixa by this request."));
        }
        DixaWebhook hook = saved.value();
        return new DixaSubscriptionView(action, hook.id(), hook.name(), hook.url(),
                hook.subscribedEvents() == null ? EVENTS : hook.subscribedEvents(),
                hook.enabled() == null || hook.enabled());
    }
}
