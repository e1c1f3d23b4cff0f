package com.erasureworker.intake;

import com.erasureworker.api.JsonBody;
import com.erasureworker.api.QueryParameters;
import java.time.Instant;
import java.util.Set;

/** The body of a deadline extension, read by the strict reader: known fields only, both required. */
public record DeadlineExtension(Instant dueAt, String reason) {

    private static final Set<String> FIELDS = Set.of("dueAt", "reason");
    static final int MAX_REASON = 1000;

    public static DeadlineExtension read(byte[] body) {
        JsonBody findings = JsonBody.object(body, FIELDS, false);
        Instant dueAt = null;
        String due = findings.text("dueAt");
        if (due == null) {
            if (JsonBody.isAbsent(findings.get("dueAt"))) {
                findings.invalid("dueAt", "required: an ISO-8601 instant");
            }
        } else {
            try {
                dueAt = QueryParameters.instant(due);
            } catch (RuntimeException unreadable) {
                findings.invalid("dueAt", "must be an ISO-8601 instant in years 1 to 9999");
            }
        }
        String reason = findings.text("reason");
        if (reason == null || reason.isBlank()) {
            if (JsonBody.isAbsent(findings.get("reason")) || reason != null) {
                findings.invalid("reason", "required: why the deadline is extended");
            }
        } else if (reason.length() > MAX_REASON) {
            findings.invalid("reason", "at most " + MAX_REASON + " characters");
        }
        findings.throwIfAny();
        return new DeadlineExtension(dueAt, reason);
    }
}
