package com.erasureworker.controls;

import com.erasureworker.api.JsonBody;
import java.util.Set;

/**
 * The body of the control actions that only carry a reason (pause, resume, release a hold, reject a ticket):
 * {@code {"reason": text}}, read by the strict reader (unknown fields 400, a missing or blank required reason 422).
 */
public record ReasonBody(String reason) {

    static final int MAX_REASON = 1000;
    private static final Set<String> FIELDS = Set.of("reason");

    public static ReasonBody read(byte[] body, boolean required, String why) {
        JsonBody findings = JsonBody.object(body, FIELDS, !required);
        String reason = findings.text("reason");
        if (reason == null || reason.isBlank()) {
            if (required && (JsonBody.isAbsent(findings.get("reason")) || reason != null)) {
                findings.invalid("reason", "required: " + why);
            }
            reason = null;
        } else if (reason.length() > MAX_REASON) {
            findings.invalid("reason", "at most " + MAX_REASON + " characters");
        }
        findings.throwIfAny();
        return new ReasonBody(reason);
    }
}
