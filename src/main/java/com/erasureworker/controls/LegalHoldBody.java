package com.erasureworker.controls;

import com.erasureworker.api.JsonBody;
import com.erasureworker.api.QueryParameters;
import com.erasureworker.subject.HeldSubject;
import com.erasureworker.privacy.KeyedHash;
import java.time.Instant;
import java.util.Set;

/** The body of {@code POST /api/v1/legal-holds}: {@code {"subject", "reason", "endsAt"?}}, read strictly. */
record LegalHoldBody(HeldSubject subject, String reason, Instant endsAt) {

    private static final Set<String> FIELDS = Set.of("subject", "reason", "endsAt");

    static LegalHoldBody read(byte[] body, KeyedHash fingerprint, Instant now) {
        JsonBody findings = JsonBody.object(body, FIELDS, false);
        HeldSubject subject = HeldSubject.read(findings.get("subject"), findings, fingerprint);
        String reason = findings.text("reason");
        if (reason == null || reason.isBlank()) {
            if (JsonBody.isAbsent(findings.get("reason")) || reason != null) {
                findings.invalid("reason", "required: why the subject's data must be kept (e.g. the litigation)");
            }
        } else if (reason.length() > ReasonBody.MAX_REASON) {
            findings.invalid("reason", "at most " + ReasonBody.MAX_REASON + " characters");
        }
        Instant endsAt = null;
        String ends = findings.text("endsAt");
        if (ends != null) {
            try {
                endsAt = QueryParameters.instant(ends);
                if (!endsAt.isAfter(now)) {
                    findings.invalid("endsAt", "must be in the future (leave it out for a hold until released)");
                }
            } catch (RuntimeException unreadable) {
                findings.invalid("endsAt", "must be an ISO-8601 instant in years 1 to 9999");
            }
        }
        findings.throwIfAny();
        return new LegalHoldBody(subject, reason, endsAt);
    }
}
