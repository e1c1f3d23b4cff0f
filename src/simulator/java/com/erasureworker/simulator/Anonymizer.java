package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What processing an anonymization request does to the data: the downward cascade user → conversations → messages.
 * Notes and custom attributes are kept: Dixa's GDPR page only names messages and user PII, and the worker relies on
 * its erasure-ticket note and attribute as proof (README open question 5 leaves this open); {@link SimulatorModes#scrubNotes}
 * scrubs notes too.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class Anonymizer {
    static final String REDACTED_TEXT = "[anonymized]";

    @Inject
    SimulatorStore store;

    @Inject
    SimulatorModes modes;

    /** Conversations of an anonymized end user still to be anonymized ({@link SimulatorModes#endUserCascadeLag}). */
    private record Deferred(long conversationId, UUID requestedBy, Instant due) {
    }

    private final java.util.List<Deferred> deferred = new java.util.ArrayList<>();

    /** Anonymizes the deferred conversations that are due; called by the queue's processor. */
    void applyDeferred(Instant now) {
        synchronized (store) {
            deferred.removeIf(next -> {
                if (next.due().isAfter(now)) {
                    return false;
                }
                StoredConversation conversation = store.findConversation(next.conversationId());
                if (conversation != null) {
                    anonymizeConversation(conversation, next.requestedBy(), now);
                }
                return true;
            });
        }
    }

    void clearDeferred() {
        synchronized (store) {
            deferred.clear();
        }
    }

    void apply(AnonymizationRequest request, Instant now) {
        synchronized (store) {
            switch (request.type) {
                case "Conversation" -> {
                    StoredConversation conversation = store.findConversation(Long.parseLong(request.targetEntityId));
                    if (conversation != null) {
                        anonymizeConversation(conversation, request.requestedBy, now);
                    }
                }
                case "Message" -> {
                    String[] parts = request.targetEntityId.split("_", 2);
                    StoredConversation conversation = store.findConversation(Long.parseLong(parts[0]));
                    StoredMessage message = conversation == null ? null : conversation.message(UUID.fromString(parts[1]));
                    if (message != null) {
                        redact(conversation, message, request.requestedBy, now);
                    }
                }
                case "User" -> anonymizeUser(UUID.fromString(request.targetEntityId), request.requestedBy, now);
                default -> throw new IllegalStateException("unknown anonymization type " + request.type);
            }
        }
    }

    private void anonymizeUser(UUID userId, UUID requestedBy, Instant now) {
        StoredEndUser user = store.endUser(userId);
        if (user == null) {
            return;
        }
        user.email = null;
        user.phone = null;
        user.firstName = null;
        user.lastName = null;
        user.externalId = null;
        user.displayName = "Anonymized user";
        user.anonymizedAt = now;
        java.time.Duration lag = modes.endUserCascadeLag();
        if (lag.isZero()) {
            store.conversationsOf(userId).forEach(c -> anonymizeConversation(c, requestedBy, now));
        } else {
            // The end user's processedAt is now; its conversations follow later.
            store.conversationsOf(userId).forEach(c -> deferred.add(new Deferred(c.id, requestedBy, now.plus(lag))));
        }
    }

    private void anonymizeConversation(StoredConversation conversation, UUID requestedBy, Instant now) {
        conversation.messages.forEach(m -> redact(conversation, m, requestedBy, now));
        if (modes.scrubNotes()) {
            conversation.notes.replaceAll(n -> new StoredNote(n.id(), n.authorId(), n.createdAt(), n.csid(), REDACTED_TEXT));
            conversation.activity.replaceAll(e -> e.attributes().containsKey("message") ? new ActivityEntry(e.id(),
                    e.conversationId(), e.at(), e.type(), e.authorId(), Map.of("message", REDACTED_TEXT)) : e);
        }
        conversation.fromEmail = null;
        conversation.toEmail = null;
        conversation.integrationEmail = null;
        conversation.subject = null;
        conversation.fromNumber = null;
        conversation.browserIp = null;
        conversation.assignedAgentId = null;
        conversation.anonymizedAt = now;
    }

    private void redact(StoredConversation conversation, StoredMessage message, UUID requestedBy, Instant now) {
        message.text = REDACTED_TEXT;
        message.fromEmail = null;
        message.toEmail = null;
        message.attachmentUrl = null;
        message.redacted = true;
        store.record(conversation, "ConversationMessageRedacted", requestedBy, now,
                Map.of("messageId", message.id.toString()));
    }
}
