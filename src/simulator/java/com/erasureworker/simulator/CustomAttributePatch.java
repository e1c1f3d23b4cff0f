package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies Dixa's {@code Map[UUID, Option[AttributeValue]]} patch: a string for Text attributes, a string array for
 * Select attributes, {@code null} clears (the spec's Option suggests it). The whole patch is validated first, so a bad
 * entry changes nothing.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class CustomAttributePatch {
    private static final String INVALID = "Invalid input for patching";

    @Inject
    SimulatorStore store;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dixa.agent-id")
    UUID tokenUserId;

    List<Map<String, Object>> apply(long csid, JsonNode patch) {
        if (!patch.isObject()) {
            throw DixaError.badRequest(INVALID);
        }
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            Map<UUID, Object> values = new LinkedHashMap<>();
            patch.fields().forEachRemaining(entry -> {
                UUID id;
                try {
                    id = UUID.fromString(entry.getKey());
                } catch (IllegalArgumentException e) {
                    throw DixaError.badRequest(INVALID);
                }
                AttributeDefinition definition = store.attributeDefinition(id);
                if (definition == null) {
                    throw DixaError.badRequest(INVALID);
                }
                values.put(id, value(definition, entry.getValue()));
            });
            values.forEach((id, value) -> {
                if (value == null) {
                    conversation.customAttributes.remove(id);
                } else {
                    conversation.customAttributes.put(id, value);
                }
            });
            store.record(conversation, "ConversationCustomAttributesUpdated", tokenUserId, Instant.now(), Map.of());
            return SimJson.customAttributes(conversation, store);
        }
    }

    private static Object value(AttributeDefinition definition, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!definition.select() && value.isTextual()) {
            return value.asText();
        }
        if (definition.select() && value.isArray()) {
            List<String> options = new ArrayList<>();
            for (JsonNode option : value) {
                if (!option.isTextual()) {
                    throw DixaError.badRequest(INVALID);
                }
                options.add(option.asText());
            }
            return List.copyOf(options);
        }
        throw DixaError.badRequest(INVALID);
    }
}
