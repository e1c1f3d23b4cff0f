package com.erasureworker.api;

import com.erasureworker.api.Problem.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one strict reader of untrusted JSON bodies, read by hand rather than by data binding so nothing is guessed or
 * coerced: invalid JSON, a repeated key, a value of the wrong JSON type or an unknown field is malformed (400); a
 * well-formed but unacceptable value is invalid (422), every field at fault named, never the value echoed. Strings
 * with control characters (NUL and the like; line breaks and tabs are allowed) are invalid. Reports are capped, so
 * 10,000 bad ids do not produce a 10,000-entry answer.
 */
public final class JsonBody {

    private static final int MAX_REPORTED = 50;
    private static final int MAX_FIELD_LENGTH = 80;
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode root;
    private final List<FieldError> malformed = new ArrayList<>();
    private final List<FieldError> invalid = new ArrayList<>();

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * Parses a JSON object with the given fields (others are reported as unknown). An empty body is refused unless
     * {@code mayBeEmpty}; then {@link #root()} is null.
     */
    public static JsonBody object(byte[] body, Set<String> fields, boolean mayBeEmpty) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            // Only the position: Jackson's message quotes the input, which may be the address being erased.
            String where = e.getLocation() == null ? ""
                    : " near line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ProblemException.badRequest("The body is not valid JSON (or repeats a key)" + where + ".", List.of());
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read.", List.of());
        }
        if (root == null || root.isMissingNode()) {
            if (mayBeEmpty) {
                return new JsonBody(null);
            }
            throw ProblemException.badRequest("The body is empty; a JSON object is expected.", List.of());
        }
        if (!root.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object.", List.of());
        }
        JsonBody reader = new JsonBody(root);
        root.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                reader.malformed(name, "unknown field; accepted fields are " + String.join(", ", new TreeSet<>(fields)));
            }
        });
        return reader;
    }

    /** The object, or null for an accepted empty body. */
    public JsonNode root() {
        return root;
    }

    public JsonNode get(String field) {
        return root == null ? null : root.get(field);
    }

    public static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** The string at {@code path}; null when absent, JSON null, not a string (malformed) or with control characters. */
    public String text(JsonNode node, String path) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            malformed(path, "must be a string");
            return null;
        }
        if (hasControlCharacter(node.textValue())) {
            invalid(path, "must not contain control characters");
            return null;
        }
        return node.textValue();
    }

    public String text(String field) {
        return text(get(field), field);
    }

    /** A boolean; {@code fallback} when absent (reported as required when {@code required}). */
    public Boolean bool(String field, Boolean fallback, boolean required) {
        JsonNode node = get(field);
        if (isAbsent(node)) {
            if (required) {
                invalid(field, "required");
            }
            return fallback;
        }
        if (!node.isBoolean()) {
            malformed(field, "must be true or false");
            return fallback;
        }
        return node.booleanValue();
    }

    /** A whole number within {@code min..max}; {@code fallback} when absent (null fallback: required). */
    public Integer integer(String field, Integer fallback, int min, int max) {
        JsonNode node = get(field);
        if (isAbsent(node)) {
            if (fallback == null) {
                invalid(field, "required");
            }
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            malformed(field, "must be a whole number");
            return fallback;
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            invalid(field, "must be from " + min + " to " + max);
            return fallback;
        }
        return node.intValue();
    }

    /** Not the JSON shape or type accepted: 400. */
    public void malformed(String field, String reason) {
        add(malformed, field, reason);
    }

    /** Well-formed, but a value that is refused: 422. */
    public void invalid(String field, String reason) {
        add(invalid, field, reason);
    }

    /** Malformed wins: values are not judged while the shape is wrong. */
    public void throwIfAny() {
        if (!malformed.isEmpty()) {
            throw ProblemException.badRequest("The request body does not have the expected shape or types.", malformed);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Some values of the request are not acceptable; nothing was recorded.",
                    invalid);
        }
    }

    /** C0 controls other than tab, line feed and carriage return, DEL, and C1 controls. */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<FieldError> list, String field, String reason) {
        if (list.size() < MAX_REPORTED) {
            // Field names can come from the client (unknown fields): keep them short.
            String name = field.length() <= MAX_FIELD_LENGTH ? field : field.substring(0, MAX_FIELD_LENGTH) + "…";
            list.add(new FieldError(name, reason));
        }
    }
}
