package com.erasureworker.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dixa's webhook subscriptions and deliveries: when a conversation closes or (re)opens, every enabled subscription
 * to {@code ConversationClosed} / {@code ConversationOpen} gets a POST in Dixa's envelope ({@code event_id},
 * {@code event_fqn}, {@code event_version}, {@code event_timestamp}, {@code organization}, {@code data.conversation}
 * with the requester's name and e-mail, as Dixa sends them) and the subscription's Authorization header. Sent
 * asynchronously after the state change, once, without retries; the payload is built under the store's lock.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SimulatorWebhooks {

    static final UUID ORGANIZATION = UUID.fromString("0f9a0000-0000-4000-8000-000000000d1a");

    private final Map<UUID, SimWebhook> subscriptions = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger sent = new AtomicInteger();

    synchronized void clear() {
        subscriptions.clear();
    }

    synchronized SimWebhook create(String name, String url, List<String> events, String authorization,
            boolean enabled) {
        SimWebhook hook = new SimWebhook(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString().replace("-", ""));
        hook.name = name;
        hook.url = url;
        hook.events = List.copyOf(events);
        hook.authorization = authorization;
        hook.enabled = enabled;
        hook.updatedAt = hook.createdAt;
        subscriptions.put(hook.id, hook);
        return hook;
    }

    synchronized SimWebhook find(UUID id) {
        SimWebhook hook = subscriptions.get(id);
        if (hook == null) {
            throw DixaError.notFound();
        }
        return hook;
    }

    synchronized List<SimWebhook> list() {
        return List.copyOf(subscriptions.values());
    }

    /** Deliveries attempted since start (for tests that wait for one). */
    public int sentCount() {
        return sent.get();
    }

    /** Called by the store (under its lock) after a conversation's state changed. */
    void conversationChanged(StoredConversation conversation, StoredEndUser requester, String event) {
        List<SimWebhook> targets;
        synchronized (this) {
            targets = subscriptions.values().stream().filter(hook -> hook.enabled && hook.events.contains(event))
                    .toList();
        }
        if (targets.isEmpty()) {
            return;
        }
        String body = payload(conversation, requester, event);
        for (SimWebhook hook : targets) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (hook.authorization != null) {
                request.header("Authorization", hook.authorization);
            }
            sent.incrementAndGet();
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private String payload(StoredConversation c, StoredEndUser requester, String event) {
        Map<String, Object> person = new LinkedHashMap<>();
        if (requester != null) {
            person.put("id", requester.id.toString());
            person.put("name", requester.displayName);
            person.put("email", requester.email);
            person.put("phone", requester.phone);
            person.put("roles", List.of("Enduser"));
        }
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("csid", c.id);
        conversation.put("channel", c.channel);
        conversation.put("status", c.state.name().toUpperCase(java.util.Locale.ROOT));
        conversation.put("direction", c.direction);
        conversation.put("queue", null);
        conversation.put("contact_point", c.integrationEmail);
        conversation.put("requester", person);
        conversation.put("assignee", c.assignedAgentId == null ? null : Map.of("id", c.assignedAgentId.toString()));
        conversation.put("subject", c.subject);
        conversation.put("tags", new ArrayList<>());
        conversation.put("created_at", c.createdAt.toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event_id", UUID.randomUUID().toString());
        envelope.put("event_fqn", event.equals("ConversationClosed") ? "CONVERSATION_CLOSED" : "CONVERSATION_OPEN");
        envelope.put("event_version", "1");
        envelope.put("event_timestamp", Instant.now().toString());
        envelope.put("organization", Map.of("id", ORGANIZATION.toString(), "name", "Simulated organization"));
        envelope.put("data", Map.of("conversation", conversation));
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
