package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Dixa's beta {@code GenericConversationImport}: creates a conversation with its messages and, with {@code closing},
 * closes it back-dated; an {@code assignment} assigns it to the agent. The whole body is validated before anything is
 * created. Modes ({@link SimulatorModes}): a 403 for a tenant without the import, a required top-level {@code _type},
 * and {@code partialErrors} for messages it did not import.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class ConversationImport {
    @Inject
    SimulatorStore store;

    @Inject
    SimulatorModes modes;

    /** The created conversation and what Dixa reports it did not import. */
    record Imported(long id, List<String> partialErrors) {
    }

    Imported apply(JsonNode body) {
        if (modes.refuseImport()) {
            throw new DixaError(403, "Forbidden: conversation import is not enabled for this organization");
        }
        if (!body.isObject()) {
            throw DixaError.badRequest("Invalid value for: body");
        }
        if (modes.importRequiresType() && !"GenericConversationImport".equals(RequestValues.text(body, "_type"))) {
            throw DixaError.badRequest("Invalid value for: body (missing _type GenericConversationImport)");
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
            UUID assignee = body.path("assignment").hasNonNull("agentId")
                    ? agentId(body.path("assignment").get("agentId").asText()) : null;
            if (assignee != null && store.agent(assignee) == null) {
                throw DixaError.badRequest("Agent does not exist");
            }
            StoredConversation conversation = store.addConversation(requesterId, channel, createdAt, direction);
            conversation.assignedAgentId = assignee;
            List<String> partialErrors = new ArrayList<>();
            int index = 0;
            for (JsonNode message : body.path("messages")) {
                index++;
                if (modes.importPartialErrors()) {
                    partialErrors.add("Invalid input for Message. message: " + index);
                    continue;
                }
                UUID author = message.hasNonNull("agentId") ? agentId(message.get("agentId").asText()) : requesterId;
                store.addMessage(conversation, author, message.path("content").path("value").asText(),
                        SimDates.parse(message.get("createdAt").asText()));
            }
            if (closedAt != null) {
                store.close(conversation, closedBy, closedAt);
            }
            return new Imported(conversation.id, partialErrors);
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
