package com.erasureworker.subject;

import com.erasureworker.erasure.SubjectType;
import com.erasureworker.privacy.KeyedHash;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Whom or what a submission names: exactly one kind per ticket. E-mail and phone exist only in memory. */
public sealed interface Subject {

    SubjectType type();

    /** The keyed hash that stands in for the e-mail or phone; null for subjects named by Dixa ids. */
    default String keyedHash(KeyedHash hash) {
        return null;
    }

    record EndUser(UUID id) implements Subject {
        public SubjectType type() {
            return SubjectType.END_USER;
        }
    }

    /** {@code asTyped} is the trimmed input: Dixa is asked for it too when it differs from the normalised form. */
    record Email(String asTyped) implements Subject {
        public SubjectType type() {
            return SubjectType.EMAIL;
        }

        public String normalised() {
            return asTyped.trim().toLowerCase(Locale.ROOT);
        }

        @Override
        public String keyedHash(KeyedHash hash) {
            return hash.keyedHash(normalised());
        }

        @Override
        public String toString() {
            return "Email[redacted]";
        }
    }

    record Phone(String asTyped) implements Subject {
        public SubjectType type() {
            return SubjectType.PHONE;
        }

        /** Digits, with a leading + when the number was typed with one. */
        public String normalised() {
            String trimmed = asTyped.trim();
            String digits = trimmed.replaceAll("\\D", "");
            return trimmed.startsWith("+") ? "+" + digits : digits;
        }

        @Override
        public String keyedHash(KeyedHash hash) {
            return hash.keyedHash(normalised());
        }

        @Override
        public String toString() {
            return "Phone[redacted]";
        }
    }

    /** Sorted, without duplicates. */
    record Conversations(List<Long> ids) implements Subject {
        public SubjectType type() {
            return SubjectType.CONVERSATIONS;
        }
    }

    /** Sorted, without duplicates. */
    record Messages(List<MessageRef> refs) implements Subject {
        public SubjectType type() {
            return SubjectType.MESSAGES;
        }
    }

    record MessageRef(long conversationId, UUID messageId) implements Comparable<MessageRef> {
        @Override
        public int compareTo(MessageRef other) {
            int byConversation = Long.compare(conversationId, other.conversationId);
            return byConversation != 0 ? byConversation : messageId.toString().compareTo(other.messageId.toString());
        }
    }
}
