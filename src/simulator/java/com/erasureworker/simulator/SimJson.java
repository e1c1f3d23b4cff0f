package com.erasureworker.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON shapes of the Dixa spec, built as ordered maps so absent fields are simply left out (as Dixa does) and each
 * variant carries its {@code _type}. Callers hold the store lock while a view is built.
 */
final class SimJson {
    private SimJson() {
    }

    static Map<String, Object> data(Object data) {
        return Map.of("data", data);
    }

    static Map<String, Object> conversation(StoredConversation c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id);
        json.put("requesterId", c.requesterId);
        json.put("channel", c.channel);
        json.put("createdAt", SimDates.plain(c.createdAt));
        if (c.anonymizedAt != null) {
            json.put("anonymizedAt", SimDates.plain(c.anonymizedAt));
        }
        json.put("direction", c.direction);
        json.put("state", c.state.name());
        json.put("stateUpdatedAt", SimDates.plain(c.stateUpdatedAt));
        if (c.anonymizedAt == null) {
            if (c.assignedAgentId != null) {
                json.put("assignment", Map.of("agentId", c.assignedAgentId, "assignedAt", SimDates.plain(c.createdAt)));
            }
            putIfPresent(json, "toEmail", c.toEmail);
            putIfPresent(json, "fromEmail", c.fromEmail);
            putIfPresent(json, "integrationEmail", c.integrationEmail);
            putIfPresent(json, "subject", c.subject);
            putIfPresent(json, "fromNumber", c.fromNumber);
            if (c.browserIp != null) {
                json.put("browserInfo", Map.of("name", "Firefox", "version", "128.0", "ipAddress", c.browserIp,
                        "originatingUrl", "https://shop.example.com/help"));
            }
        }
        json.put("_type", c.anonymizedAt != null ? "AnonymizedConversation" : conversationType(c.channel));
        return json;
    }

    static List<Map<String, Object>> customAttributes(StoredConversation c, SimulatorStore store) {
        List<Map<String, Object>> attributes = new ArrayList<>();
        c.customAttributes.forEach((id, value) -> {
            AttributeDefinition definition = store.attributeDefinition(id);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", definition == null ? id.toString() : definition.name());
            json.put("identifier", definition == null ? id.toString() : definition.identifier());
            json.put("value", value);
            attributes.add(json);
        });
        return attributes;
    }

    static Map<String, Object> message(StoredMessage m, String channel) {
        Map<String, Object> content = Map.of("value", m.text, "_type", "Text");
        Map<String, Object> attributes = new LinkedHashMap<>();
        String type = messageAttributesType(channel);
        if (type.equals("EmailAttributes") || type.equals("ContactFormAttributes")) {
            attributes.put("emailContent", Map.of("content", content, "_type", "Regular"));
            attributes.put("from", m.fromEmail == null ? Map.of() : Map.of("email", m.fromEmail));
            attributes.put("to", m.toEmail == null ? List.of() : List.of(Map.of("email", m.toEmail)));
            attributes.put("cc", List.of());
            attributes.put("bcc", List.of());
            attributes.put("isAutoReply", false);
            attributes.put("inlineImages", List.of());
            attributes.put("attachments", m.attachmentUrl == null ? List.of()
                    : List.of(Map.of("url", m.attachmentUrl, "prettyName", "attachment")));
        } else {
            attributes.put("content", content);
            if (type.equals("ChatAttributes")) {
                attributes.put("isAutomated", false);
            }
        }
        attributes.put("direction", m.direction);
        attributes.put("_type", type);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id);
        json.put("authorId", m.authorId);
        json.put("createdAt", SimDates.zoned(m.createdAt));
        json.put("attributes", attributes);
        return json;
    }

    static Map<String, Object> note(StoredNote n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", n.id());
        json.put("authorId", n.authorId());
        json.put("createdAt", SimDates.zoned(n.createdAt()));
        json.put("csid", n.csid());
        json.put("message", n.message());
        return json;
    }

    /** Entries of Dixa's own doing, written with a non-uuid author in {@link SimulatorModes#systemActivityAuthors}. */
    private static final java.util.Set<String> SYSTEM_ENTRIES = java.util.Set.of("ConversationMessageRedacted");

    static Map<String, Object> activity(ActivityEntry e, SimulatorStore store, boolean systemAuthors) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("conversationId", e.conversationId());
        json.put("activityTimestamp", SimDates.zoned(e.at()));
        json.put("_type", e.type());
        json.put("author", systemAuthors && SYSTEM_ENTRIES.contains(e.type())
                ? Map.of("id", "dixa-system", "name", "Dixa") : author(e.authorId(), store));
        json.put("attributes", e.attributes());
        return json;
    }

    static Map<String, Object> endUser(StoredEndUser u) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", u.id);
        json.put("createdAt", SimDates.plain(u.createdAt));
        putIfPresent(json, "displayName", u.displayName);
        putIfPresent(json, "email", u.email);
        putIfPresent(json, "phoneNumber", u.phone);
        putIfPresent(json, "firstName", u.firstName);
        putIfPresent(json, "lastName", u.lastName);
        putIfPresent(json, "externalId", u.externalId);
        json.put("additionalEmails", List.of());
        json.put("additionalPhoneNumbers", List.of());
        return json;
    }

    static Map<String, Object> anonymization(AnonymizationRequest r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id);
        json.put("_type", r.type);
        json.put("initiatedAt", SimDates.zoned(r.initiatedAt));
        json.put("targetEntityId", r.targetEntityId);
        json.put("requestedBy", r.requestedBy);
        Object processedAt = r.processedAt;
        if (processedAt != null) {
            json.put("processedAt", SimDates.zoned(r.processedAt));
        }
        json.put("entityType", r.entityType());
        return json;
    }

    private static Map<String, Object> author(UUID id, SimulatorStore store) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        Agent agent = store.agent(id);
        StoredEndUser user = agent == null ? store.endUser(id) : null;
        putIfPresent(json, "name", agent != null ? agent.name() : user == null ? null : user.displayName);
        putIfPresent(json, "email", agent != null ? agent.email() : user == null ? null : user.email);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static String conversationType(String channel) {
        return switch (channel) {
            case "Email" -> "EmailConversation";
            case "ContactForm" -> "ContactFormConversation";
            case "WidgetChat" -> "ChatConversation";
            case "Sms" -> "SmsConversation";
            case "PstnPhone", "Voicemail", "Callback" -> "PstnPhoneConversation";
            case "FacebookMessenger" -> "FacebookMessengerConversation";
            case "Messenger" -> "MessengerConversation";
            case "Twitter" -> "TwitterConversation";
            case "WhatsApp" -> "WhatsAppConversation";
            default -> "GenericConversation";
        };
    }

    private static String messageAttributesType(String channel) {
        return switch (channel) {
            case "Email" -> "EmailAttributes";
            case "ContactForm" -> "ContactFormAttributes";
            case "WidgetChat", "Messenger" -> "ChatAttributes";
            case "Sms" -> "SmsAttributes";
            case "PstnPhone", "Voicemail", "Callback" -> "PhoneAttributes";
            case "FacebookMessenger" -> "FacebookMessengerAttributes";
            case "Twitter" -> "TwitterAttributes";
            case "WhatsApp" -> "WhatsAppAttributes";
            default -> "GenericAttributes";
        };
    }
}
