package com.erasureworker.intake;

import com.erasureworker.api.JsonBody;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.subject.Subject;
import com.erasureworker.subject.SubjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
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

    private SubmissionReader() {
    }

    static Submission read(byte[] body, Instant receivedAt) {
        JsonBody findings = JsonBody.object(body, FIELDS, false);
        JsonNode root = findings.root();
        String ticketRef = ticketRef(root, findings);
        Subject subject = SubjectReader.read(root.get("subject"), findings);
        ClosePolicy closePolicy = closePolicy(root, findings);
        String reason = findings.text("reason");
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

    private static String ticketRef(JsonNode root, JsonBody findings) {
        String ticketRef = findings.text("ticketRef");
        if (ticketRef == null) {
            if (JsonBody.isAbsent(root.get("ticketRef"))) {
                findings.invalid("ticketRef", "required");
            }
        } else if (ticketRef.isEmpty() || ticketRef.length() > MAX_TICKET_REF) {
            findings.invalid("ticketRef", "must be 1 to " + MAX_TICKET_REF + " characters");
        } else if (!TICKET_REF.matcher(ticketRef).matches()) {
            findings.invalid("ticketRef", "may contain only letters, digits and . _ : / # -");
        }
        return ticketRef;
    }

    private static ClosePolicy closePolicy(JsonNode root, JsonBody findings) {
        String value = findings.text("closePolicy");
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

    private static Instant dueAt(JsonNode root, Instant receivedAt, JsonBody findings) {
        String value = findings.text("dueAt");
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
}
