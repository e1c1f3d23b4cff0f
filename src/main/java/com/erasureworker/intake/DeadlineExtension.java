package com.erasureworker.intake;

import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The body of a deadline extension, read as strictly as a submission: known fields only, both required. */
public record DeadlineExtension(Instant dueAt, String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("dueAt", "reason");

    public static DeadlineExtension read(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not valid JSON.", List.of(new FieldError("body", "not JSON")));
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object.",
                    List.of(new FieldError("body", "expected {\"dueAt\", \"reason\"}")));
        }
        List<FieldError> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(new FieldError(name, "unknown field"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("The body has fields this operation does not know.", unknown);
        }
        List<FieldError> errors = new ArrayList<>();
        Instant dueAt = null;
        JsonNode due = root.get("dueAt");
        if (due == null || !due.isTextual()) {
            errors.add(new FieldError("dueAt", "required: an ISO-8601 instant"));
        } else {
            try {
                dueAt = Instant.parse(due.asText());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("dueAt", "not an ISO-8601 instant"));
            }
        }
        JsonNode reason = root.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            errors.add(new FieldError("reason", "required: why the deadline is extended"));
        } else if (reason.asText().length() > 1000) {
            errors.add(new FieldError("reason", "at most 1000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The extension cannot be made with these values.", errors);
        }
        return new DeadlineExtension(dueAt, reason.asText());
    }
}
