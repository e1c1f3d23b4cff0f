package com.erasureworker.subject;

import com.erasureworker.api.JsonBody;

import static com.erasureworker.api.JsonBody.isAbsent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads the {@code subject} object of a submission: exactly one kind, each checked for JSON type and value. */
public final class SubjectReader {

    static final int MAX_ENTITIES = 1000;
    private static final List<String> KINDS = List.of("endUserId", "email", "phone", "conversationIds", "messages");
    private static final Set<String> MESSAGE_FIELDS = Set.of("conversationId", "messageId");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]+");
    private static final int MAX_EMAIL = 254;

    private SubjectReader() {
    }

    public static Subject read(JsonNode node, JsonBody findings) {
        String exactlyOne = "give exactly one of " + String.join(", ", KINDS);
        if (isAbsent(node)) {
            findings.invalid("subject", "required: " + exactlyOne);
            return null;
        }
        if (!node.isObject()) {
            findings.malformed("subject", "must be an object with exactly one of " + String.join(", ", KINDS));
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!KINDS.contains(name)) {
                findings.malformed("subject." + name, "unknown field; " + exactlyOne);
            }
        });
        List<String> given = KINDS.stream().filter(kind -> !isAbsent(node.get(kind))).toList();
        if (given.size() != 1) {
            findings.invalid("subject", exactlyOne + (given.isEmpty() ? "" : "; got " + String.join(" and ", given)));
            return null;
        }
        String kind = given.get(0);
        String path = "subject." + kind;
        JsonNode value = node.get(kind);
        return switch (kind) {
            case "endUserId" -> {
                UUID id = uuid(value, path, findings);
                yield id == null ? null : new Subject.EndUser(id);
            }
            case "email" -> email(findings.text(value, path), path, findings);
            case "phone" -> phone(findings.text(value, path), path, findings);
            case "conversationIds" -> conversations(value, path, findings);
            default -> messages(value, path, findings);
        };
    }

    private static Subject email(String value, String path, JsonBody findings) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches()) {
            findings.invalid(path, "must be an e-mail address (at most " + MAX_EMAIL + " characters)");
            return null;
        }
        return new Subject.Email(trimmed);
    }

    private static Subject phone(String value, String path, JsonBody findings) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        long digits = trimmed.chars().filter(Character::isDigit).count();
        if (trimmed.length() > 40 || !PHONE.matcher(trimmed).matches() || digits < 6 || digits > 15) {
            findings.invalid(path, "must be a phone number: 6 to 15 digits, optionally a leading + and separators");
            return null;
        }
        return new Subject.Phone(trimmed);
    }

    private static Subject conversations(JsonNode value, String path, JsonBody findings) {
        if (!sizeAccepted(value, path, findings)) {
            return null;
        }
        TreeSet<Long> ids = new TreeSet<>();
        for (int i = 0; i < value.size(); i++) {
            Long id = positiveLong(value.get(i), path + "[" + i + "]", findings);
            if (id != null) {
                ids.add(id);
            }
        }
        return new Subject.Conversations(List.copyOf(ids));
    }

    private static Subject messages(JsonNode value, String path, JsonBody findings) {
        if (!sizeAccepted(value, path, findings)) {
            return null;
        }
        TreeSet<Subject.MessageRef> refs = new TreeSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String at = path + "[" + i + "]";
            if (!item.isObject()) {
                findings.malformed(at, "must be an object with conversationId and messageId");
                continue;
            }
            item.fieldNames().forEachRemaining(name -> {
                if (!MESSAGE_FIELDS.contains(name)) {
                    findings.malformed(at + "." + name, "unknown field; a message has conversationId and messageId");
                }
            });
            Long conversationId = positiveLong(item.get("conversationId"), at + ".conversationId", findings);
            UUID messageId = uuid(item.get("messageId"), at + ".messageId", findings);
            if (conversationId != null && messageId != null) {
                refs.add(new Subject.MessageRef(conversationId, messageId));
            }
        }
        return new Subject.Messages(List.copyOf(refs));
    }

    /** The list's length is judged before its items, so 10,000 ids cost one check, not 10,000 reports. */
    private static boolean sizeAccepted(JsonNode value, String path, JsonBody findings) {
        if (!value.isArray()) {
            findings.malformed(path, "must be an array");
            return false;
        }
        if (value.isEmpty() || value.size() > MAX_ENTITIES) {
            findings.invalid(path, "must hold 1 to " + MAX_ENTITIES + " entries; got " + value.size());
            return false;
        }
        return true;
    }

    private static Long positiveLong(JsonNode node, String path, JsonBody findings) {
        if (isAbsent(node)) {
            findings.invalid(path, "required");
            return null;
        }
        if (!node.isIntegralNumber()) {
            findings.malformed(path, "must be an integer");
            return null;
        }
        if (!node.canConvertToLong() || node.longValue() <= 0) {
            findings.invalid(path, "must be a positive 64-bit integer");
            return null;
        }
        return node.longValue();
    }

    private static UUID uuid(JsonNode node, String path, JsonBody findings) {
        if (isAbsent(node)) {
            findings.invalid(path, "required");
            return null;
        }
        String text = findings.text(node, path);
        if (text == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            findings.invalid(path, "must be a UUID");
            return null;
        }
        return UUID.fromString(text);
    }

}
