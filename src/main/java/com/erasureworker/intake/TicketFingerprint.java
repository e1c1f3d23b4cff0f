package com.erasureworker.intake;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keyed hashes (HMAC-SHA256, hex) that stand in for what must not be stored: the subject's e-mail or phone, and the
 * whole request for idempotent resubmission. Keyed, so that a leaked table cannot be matched against a list of
 * addresses without the key.
 */
/* Created at start-up so that a missing or short key stops the start, not the first submission. */
@Startup
@ApplicationScoped
public class TicketFingerprint {

    static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    TicketFingerprint(@ConfigProperty(name = "erasure.hash-key") Optional<String> hashKey) {
        String value = hashKey.orElse("");
        if (value.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("erasure.hash-key (ERASURE_HASH_KEY) must be set to a secret of at least "
                    + MIN_KEY_LENGTH + " characters: it keys the hashes that replace e-mail addresses and phone numbers. "
                    + "Keep it stable: a new key makes resubmissions and subject searches miss earlier tickets.");
        }
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The keyed hash of free text that must not enter the immutable audit chain (a reason, a filter value): the text
     * itself goes to an erasable row or nowhere; the chain carries this.
     */
    public String keyedHash(String text) {
        return text == null ? null : hmac(text);
    }

    /** The keyed hash of the normalised e-mail or phone; null for subjects named by Dixa ids. */
    String subjectHash(Subject subject) {
        if (subject instanceof Subject.Email email) {
            return hmac(email.normalised());
        }
        if (subject instanceof Subject.Phone phone) {
            return hmac(phone.normalised());
        }
        return null;
    }

    /** Equal exactly when two submissions ask for the same erasure: same subject, policy, reason and deadline. */
    String contentHash(Submission submission) {
        return hmac(canonical(submission));
    }

    /** Length-prefixed fields, so no choice of values can make two different requests read the same. */
    String canonical(Submission submission) {
        StringBuilder out = new StringBuilder("erasure-request/v1");
        field(out, "ticketRef", submission.ticketRef());
        field(out, "subjectType", submission.subject().type().name());
        field(out, "subject", canonicalSubject(submission.subject()));
        field(out, "closePolicy", submission.closePolicy().name());
        field(out, "reason", submission.reason());
        field(out, "dueAt", submission.dueAt() == null ? null : submission.dueAt().toString());
        return out.toString();
    }

    private String canonicalSubject(Subject subject) {
        if (subject instanceof Subject.EndUser endUser) {
            return endUser.id().toString();
        }
        if (subject instanceof Subject.Conversations conversations) {
            return conversations.ids().stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (subject instanceof Subject.Messages messages) {
            return messages.refs().stream().map(ref -> ref.conversationId() + "_" + ref.messageId())
                    .collect(Collectors.joining(","));
        }
        return subjectHash(subject);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append('|').append(name).append('=');
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
