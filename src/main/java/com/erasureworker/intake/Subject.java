package com.erasureworker.intake;

import com.erasureworker.erasure.SubjectType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Whom or what a submission names: exactly one kind per ticket. E-mail and phone exist only in memory. */
sealed interface Subject {

    SubjectType type();

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

        String normalised() {
            return asTyped.trim().toLowerCase(Locale.ROOT);
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
        String normalised() {
            String trimmed = asTyped.trim();
            String digits = trimmed.replaceAll("\\D", "");
            return trimmed.startsWith("+") ? "+" + digits : digits;
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
