package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Accepts anonymization requests with Dixa's open-conversation safeguard: 409 unless every affected conversation is
 * closed, or {@code force=true} closes them first. Repeating a request on an already anonymized entity is accepted
 * and queued again (the spec is silent, README open question 1; {@link SimulatorModes} can make it a 409); processing it
 * again changes nothing more.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class AnonymizationIntake {
    @Inject
    SimulatorStore store;

    @Inject
    AnonymizationQueue queue;

    @Inject
    SimulatorModes modes;

    /** The user behind the API token; Dixa reports it as {@code requestedBy} and as the closer on force-close. */
    @ConfigProperty(name = "dixa.agent-id")
    UUID tokenUserId;

    /** Conversations whose next anonymize calls answer 409 whatever their state (Dixa does not say what 409 means). */
    private final java.util.Map<Long, Integer> conflicts = new java.util.HashMap<>();

    /** The next {@code times} anonymize calls for the conversation answer 409 "already requested", even when closed. */
    void conflictAnyway(long csid, int times) {
        synchronized (store) {
            conflicts.put(csid, times);
        }
    }

    void clearConflicts() {
        synchronized (store) {
            conflicts.clear();
        }
    }

    AnonymizationRequest conversation(long csid, boolean force) {
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            Integer left = conflicts.get(csid);
            if (left != null && left > 0) {
                conflicts.put(csid, left - 1);
                throw DixaError.conflict("Anonymization of conversation " + csid + " was already requested");
            }
            refuseRepeat(conversation.anonymizedAt != null, "Conversation", Long.toString(csid));
            closeOrRefuse(List.of(conversation), force, "Conversation " + csid + " is not closed");
            return queue.enqueue("Conversation", Long.toString(csid), tokenUserId);
        }
    }

    /** Message anonymization has no force option in Dixa: an open conversation is always a 409. */
    AnonymizationRequest message(long csid, UUID messageId) {
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            if (conversation.message(messageId) == null) {
                throw DixaError.notFound();
            }
            refuseRepeat(conversation.message(messageId).redacted, "Message", csid + "_" + messageId);
            closeOrRefuse(List.of(conversation), false, "Conversation " + csid + " is not closed");
            return queue.enqueue("Message", csid + "_" + messageId, tokenUserId);
        }
    }

    AnonymizationRequest user(UUID userId, boolean force) {
        synchronized (store) {
            if (store.endUser(userId) == null) {
                throw DixaError.notFound();
            }
            refuseRepeat(store.endUser(userId).anonymizedAt != null, "User", userId.toString());
            closeOrRefuse(store.conversationsOf(userId), force, "User " + userId + " has conversations that are not closed");
            return queue.enqueue("User", userId.toString(), tokenUserId);
        }
    }

    /** In {@link SimulatorModes.RepeatedAnonymize#CONFLICT} mode, an entity anonymized or queued already is a 409. */
    private void refuseRepeat(boolean anonymized, String type, String targetEntityId) {
        if (anonymized && modes.repeatIsNotFound()) {
            throw DixaError.notFound();
        }
        if (!modes.repeatIsConflict()) {
            return;
        }
        if (anonymized) {
            throw DixaError.conflict(type + " " + targetEntityId + " is already anonymized");
        }
        if (queue.queued(type, targetEntityId)) {
            throw DixaError.conflict("An anonymization request for " + type + " " + targetEntityId + " is already queued");
        }
    }

    private void closeOrRefuse(List<StoredConversation> conversations, boolean force, String conflict) {
        List<StoredConversation> open = conversations.stream().filter(c -> !c.isClosed()).toList();
        if (open.isEmpty()) {
            return;
        }
        if (!force) {
            throw DixaError.conflict(conflict);
        }
        Instant now = Instant.now();
        open.forEach(c -> store.close(c, tokenUserId, now));
    }
}
