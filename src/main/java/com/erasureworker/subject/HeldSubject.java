package com.erasureworker.subject;

import com.erasureworker.api.JsonBody;
import com.erasureworker.erasure.SubjectType;
import com.erasureworker.privacy.KeyedHash;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * The subject of a legal hold, read exactly like a ticket's subject (same kinds, same checks) and kept the same way:
 * an end-user id, the keyed hash of an e-mail or phone (the address itself is dropped here), or conversation ids.
 * Message subjects are refused: a hold keeps whole conversations. {@code subject} is what was read, in memory only:
 * an e-mail or phone hold is resolved to Dixa end users from it while the request is open.
 */
public record HeldSubject(SubjectType type, UUID endUserId, String subjectHash, List<Long> conversationIds,
        Subject subject) {

    /** Null when the subject was refused (the finding is recorded in {@code findings}). */
    public static HeldSubject read(JsonNode node, JsonBody findings, KeyedHash hash) {
        Subject subject = SubjectReader.read(node, findings);
        if (subject == null) {
            return null;
        }
        if (subject instanceof Subject.Messages) {
            findings.invalid("subject.messages", "a legal hold keeps whole conversations: give conversationIds");
            return null;
        }
        UUID endUser = subject instanceof Subject.EndUser user ? user.id() : null;
        List<Long> conversations = subject instanceof Subject.Conversations c ? c.ids() : List.of();
        return new HeldSubject(subject.type(), endUser, subject.keyedHash(hash), conversations, subject);
    }
}
