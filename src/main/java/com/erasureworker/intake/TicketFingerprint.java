package com.erasureworker.intake;

import com.erasureworker.privacy.KeyedHash;
import com.erasureworker.subject.Subject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;

/**
 * The keyed hashes that stand for a ticket: its subject's e-mail or phone, and the whole request for idempotent
 * resubmission (privacy/KeyedHash computes them).
 */
@ApplicationScoped
public class TicketFingerprint {

    private final KeyedHash hash;

    TicketFingerprint(KeyedHash hash) {
        this.hash = hash;
    }

    /** The keyed hash of the normalised e-mail or phone; null for subjects named by Dixa ids. */
    String subjectHash(Subject subject) {
        return subject.keyedHash(hash);
    }

    /** Equal exactly when two submissions ask for the same erasure: same subject, policy, reason and deadline. */
    String contentHash(Submission submission) {
        return hash.keyedHash(canonical(submission));
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
}
