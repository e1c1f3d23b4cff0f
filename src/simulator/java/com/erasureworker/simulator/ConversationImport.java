package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Dixa's beta {@code GenericConversationImport}: creates a conversation with its messages and, with {@code closing},
 * closes it back-dated. The whole body is validated before anything is created.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class ConversationImport {
    @Inject
    SimulatorStore store;

    long apply(JsonNode body) {
        if (!body.isObject()) {
            throw DixaError.badRequest("Invalid value for: body");
        }
        String channelName = required(body, "genericChannelName");
        // Dixa's channel list has no name for generic API messaging; the simulator reports it as "GenericApiMessaging".
        String channel = switch (channelName) {
            case "email" -> "Email";
            case "genericapimessaging" -> "GenericApiMessaging";
            default -> throw DixaError.badRequest("Unsupported ConversationChannel");
        };
        UUID requesterId = RequestValues.uuid(required(body, "requesterId"), "body");
        String direction = required(body, "direction");
        if (!direction.equals("Inbound") && !direction.equals("Outbound")) {
            throw DixaError.badRequest("Invalid value for: body");
        }
        Instant createdAt = SimDates.parse(required(body, "createdAt"));
        JsonNode closing = body.path("closing");
        synchronized (store) {
            if (store.endUser(requesterId) == null) {
                throw DixaError.badRequest("Requester does not exist");
            }
            for (JsonNode message : body.path("messages")) {
                if (message.hasNonNull("agentId") && store.agent(agentId(message.get("agentId").asText())) == null) {
                    throw DixaError.badRequest("Agent does not exist");
                }
                content(message.path("content"));
                String kind = RequestValues.text(message, "_type");
                if (kind != null && !kind.equals("InboundImport") && !kind.equals("OutboundImport")) {
                    throw DixaError.badRequest("Invalid value for: body (messages._type)");
                }
                if ("OutboundImport".equals(kind) && !message.hasNonNull("agentId")) {
                    throw DixaError.badRequest("Invalid value for: body (missing agentId)");
                }
                SimDates.parse(required(message, "createdAt"));
            }
            UUID closedBy = null;
            Instant closedAt = null;
            if (closing.isObject()) {
                closedBy = agentId(required(closing, "closedBy"));
                closedAt = SimDates.parse(required(closing, "closedAt"));
                if (store.agent(closedBy) == null) {
                    throw DixaError.badRequest("Agent does not exist");
                }
            }
            StoredConversation conversation = store.addConversation(requesterId, channel, createdAt, direction);
            for (JsonNode message : body.path("messages")) {
                UUID author = message.hasNonNull("agentId") ? agentId(message.get("agentId").asText()) : requesterId;
                store.addMessage(conversation, author, message.path("content").path("value").asText(),
                        SimDates.parse(message.get("createdAt").asText()));
            }
            if (closedAt != null) {
                store.close(conversation, closedBy, closedAt);
            }
            return conversation.id;
        }
    }

    /** Dixa's Content: an object {@code {"_type": "Text"|"Html", "value": ...}}; a plain string is refused. */
    private static void content(JsonNode content) {
        if (!content.isObject()) {
            throw DixaError.badRequest("Invalid value for: body (messages.content must be Text or Html)");
        }
        String type = required(content, "_type");
        if (!type.equals("Text") && !type.equals("Html")) {
            throw DixaError.badRequest("Invalid value for: body (messages.content._type)");
        }
        required(content, "value");
    }

    private static UUID agentId(String value) {
        return RequestValues.uuid(value, "body");
    }

    private static String required(JsonNode node, String field) {
        String value = RequestValues.text(node, field);
        if (value == null) {
            throw DixaError.badRequest("Invalid value for: body (missing " + field + ")");
        }
        return value;
    }
}
