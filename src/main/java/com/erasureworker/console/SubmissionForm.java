package com.erasureworker.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The console's submit form, turned into the very JSON document the API reads, so the API's reader decides what is
 * valid (400/422 with the same fields) and there is one set of rules. Ids that are not numbers are passed on as text:
 * the reader then names the exact entry at fault.
 */
public class SubmissionForm {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    @RestForm public String ticketRef;
    /** endUserId, email, phone, conversationIds or messages: the API's names for the subject kinds. */
    @RestForm public String subjectKind;
    @RestForm public String subjectValue;
    @RestForm public String closePolicy;
    /** A date (yyyy-MM-dd): due at the end of that day, UTC. Empty: the API's default (receipt + 1 month). */
    @RestForm public String dueDate;
    @RestForm public String reason;

    byte[] toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        put(root, "ticketRef", ticketRef);
        ObjectNode subject = root.putObject("subject");
        String kind = subjectKind == null ? "" : subjectKind.trim();
        String value = subjectValue == null ? "" : subjectValue.trim();
        switch (kind) {
            case "conversationIds" -> {
                ArrayNode ids = subject.putArray("conversationIds");
                for (String id : tokens(value)) {
                    addNumberOrText(ids, id);
                }
            }
            case "messages" -> {
                ArrayNode messages = subject.putArray("messages");
                for (String line : value.split("\\R")) {
                    String[] parts = tokens(line);
                    if (parts.length == 0) {
                        continue;
                    }
                    ObjectNode message = messages.addObject();
                    if (parts[0].matches("\\d{1,18}")) {
                        message.put("conversationId", Long.parseLong(parts[0]));
                    } else {
                        message.put("conversationId", parts[0]);
                    }
                    message.put("messageId", parts.length > 1 ? parts[1] : "");
                }
            }
            case "endUserId", "email", "phone" -> subject.put(kind, value);
            default -> root.remove("subject");
        }
        put(root, "closePolicy", closePolicy);
        if (dueDate != null && !dueDate.isBlank()) {
            root.put("dueAt", dueDate.trim() + "T23:59:59Z");
        }
        put(root, "reason", reason);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the form shows again after an error: everything but an e-mail address or phone number. */
    String subjectValueToShow() {
        return "email".equals(subjectKind) || "phone".equals(subjectKind) ? "" : subjectValue;
    }

    private static String[] tokens(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? new String[0] : SEPARATORS.split(trimmed);
    }

    private static void addNumberOrText(ArrayNode array, String token) {
        if (token.matches("\\d{1,18}")) {
            array.add(Long.parseLong(token));
        } else {
            array.add(token);
        }
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.trim());
        }
    }
}
