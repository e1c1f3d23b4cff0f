package com.erasureworker.webhook;

import com.erasureworker.api.JsonBody;
import com.erasureworker.erasure.Source;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A subscription as an admin writes it, read strictly from untrusted JSON (400 shape, 422 values, every field named):
 * {@code url} (https, http only where {@code webhooks.allow-http}; a public address, see {@link ReceiverAddresses}),
 * {@code eventTypes} (known wire names),
 * optional {@code source} (DPO, SWEEP, CANARY) and {@code enabled} (default true).
 */
record SubscriptionRequest(String url, List<String> eventTypes, Source source, boolean enabled) {

    private static final Set<String> FIELDS = Set.of("url", "eventTypes", "source", "enabled");
    private static final int MAX_URL = 2000;

    static SubscriptionRequest read(byte[] bytes, boolean allowHttp, ReceiverAddresses addresses) {
        JsonBody body = JsonBody.object(bytes, FIELDS, false);
        String url = url(body, allowHttp, addresses);
        List<String> types = eventTypes(body);
        Source source = source(body);
        Boolean enabled = body.bool("enabled", true, false);
        body.throwIfAny();
        return new SubscriptionRequest(url, types, source, enabled);
    }

    private static String url(JsonBody body, boolean allowHttp, ReceiverAddresses addresses) {
        String url = body.text("url");
        if (url == null) {
            if (JsonBody.isAbsent(body.get("url"))) {
                body.invalid("url", "required");
            }
            return null;
        }
        if (url.length() > MAX_URL) {
            body.invalid("url", "at most " + MAX_URL + " characters");
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            body.invalid("url", "must be an absolute https URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            body.invalid("url", "must be an absolute https URL");
        } else if (scheme.equals("http") && !allowHttp) {
            body.invalid("url", "must use https: events are sent only over TLS");
        } else if (uri.getRawUserInfo() != null) {
            body.invalid("url", "must not carry credentials (the subscription's signature authenticates deliveries)");
        } else {
            addresses.refusalAtSave(uri).ifPresent(refusal -> body.invalid("url",
                    "must reach a public address; this host is " + refusal));
        }
        return url;
    }

    private static List<String> eventTypes(JsonBody body) {
        JsonNode node = body.get("eventTypes");
        if (JsonBody.isAbsent(node)) {
            body.invalid("eventTypes", "required");
            return List.of();
        }
        if (!node.isArray()) {
            body.malformed("eventTypes", "must be an array of event types");
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode type = node.get(i);
            if (!type.isTextual()) {
                body.malformed("eventTypes[" + i + "]", "must be a string");
            } else if (WebhookEventType.ofWireName(type.textValue()).filter(t -> t != WebhookEventType.WEBHOOK_TEST)
                    .isEmpty()) {
                body.invalid("eventTypes[" + i + "]", "unknown event type; see the API documentation for the list");
            } else {
                types.add(type.textValue());
            }
        }
        if (node.isEmpty()) {
            body.invalid("eventTypes", "at least one event type");
        }
        return List.copyOf(types);
    }

    private static Source source(JsonBody body) {
        JsonNode node = body.get("source");
        if (JsonBody.isAbsent(node)) {
            return null;
        }
        String value = body.text(node, "source");
        for (Source source : Source.values()) {
            if (source.name().equals(value)) {
                return source;
            }
        }
        if (value != null) {
            body.invalid("source", "must be DPO, SWEEP or CANARY");
        }
        return null;
    }
}
