package com.erasureworker.intake;

import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.ClosePolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a submission from untrusted JSON by hand rather than by data binding, because a privacy request must not be
 * half-understood: unknown fields, duplicate keys and values of the wrong JSON type are refused (400) instead of being
 * ignored or coerced, and every refused value is reported with its field (422). Never echoes a submitted value.
 */
final class SubmissionReader {

    static final int MAX_TICKET_REF = 128;
    static final int MAX_REASON = 1000;
    /** GDPR Art. 12(3): one month, extendable by two further months. */
    static final int DEFAULT_DUE_MONTHS = 1;
    static final int MAX_DUE_MONTHS = 3;

    private static final Set<String> FIELDS = Set.of("ticketRef", "subject", "closePolicy", "reason", "dueAt");
    private static final Pattern TICKET_REF = Pattern.compile("[A-Za-z0-9._:/#-]+");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SubmissionReader() {
    }

    static Submission read(byte[] body, Instant receivedAt) {
        JsonNode root = parse(body);
        Findings findings = new Findings();
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                findings.malformed(name, "unknown field; accepted fields are " + String.join(", ", sorted(FIELDS)));
            }
        });
        String ticketRef = ticketRef(root, findings);
        Subject subject = SubjectReader.read(root.get("subject"), findings);
        ClosePolicy closePolicy = closePolicy(root, findings);
        String reason = textField(root, "reason", findings);
        if (reason != null && reason.length() > MAX_REASON) {
            findings.invalid("reason", "must be at most " + MAX_REASON + " characters");
        }
        Instant dueAt = dueAt(root, receivedAt, findings);
        findings.throwIfAny();
        return new Submission(ticketRef, subject, closePolicy, reason, dueAt);
    }

    static Instant defaultDueAt(Instant receivedAt) {
        return receivedAt.atOffset(ZoneOffset.UTC).plusMonths(DEFAULT_DUE_MONTHS).toInstant();
    }

    private static JsonNode parse(byte[] body) {
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
            throw ProblemException.badRequest("The body is empty; a JSON object is expected.", List.of());
        }
        if (!root.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object.", List.of());
        }
        return root;
    }

    private static String ticketRef(JsonNode root, Findings findings) {
        String ticketRef = textField(root, "ticketRef", findings);
        if (ticketRef == null) {
            if (isAbsent(root.get("ticketRef"))) {
                findings.invalid("ticketRef", "required");
            }
        } else if (ticketRef.isEmpty() || ticketRef.length() > MAX_TICKET_REF) {
            findings.invalid("ticketRef", "must be 1 to " + MAX_TICKET_REF + " characters");
        } else if (!TICKET_REF.matcher(ticketRef).matches()) {
            findings.invalid("ticketRef", "may contain only letters, digits and . _ : / # -");
        }
        return ticketRef;
    }

    private static ClosePolicy closePolicy(JsonNode root, Findings findings) {
        String value = textField(root, "closePolicy", findings);
        if (value == null) {
            return ClosePolicy.WAIT_THEN_FORCE;
        }
        try {
            return ClosePolicy.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            findings.invalid("closePolicy", "must be one of " + Arrays.toString(ClosePolicy.values()));
            return null;
        }
    }

    private static Instant dueAt(JsonNode root, Instant receivedAt, Findings findings) {
        String value = textField(root, "dueAt", findings);
        if (value == null) {
            return null;
        }
        Instant dueAt;
        try {
            dueAt = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException unreadable) {
            findings.invalid("dueAt", "must be an ISO-8601 instant with offset, e.g. 2026-01-31T12:00:00Z");
            return null;
        }
        if (dueAt.isBefore(receivedAt)) {
            findings.invalid("dueAt", "must not be in the past");
        } else if (dueAt.isAfter(receivedAt.atOffset(ZoneOffset.UTC).plusMonths(MAX_DUE_MONTHS).toInstant())) {
            findings.invalid("dueAt", "must be at most " + MAX_DUE_MONTHS + " months after receipt (GDPR Art. 12(3))");
        }
        return dueAt;
    }

    /** The string at {@code field}; null when absent, JSON null, or not a string (then reported as malformed). */
    private static String textField(JsonNode parent, String field, Findings findings) {
        return text(parent.get(field), field, findings);
    }

    static String text(JsonNode node, String path, Findings findings) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            findings.malformed(path, "must be a string");
            return null;
        }
        return node.textValue();
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
