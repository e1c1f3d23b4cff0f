package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Java control API of the in-process Dixa simulator: set up data, switch faults and limits, inspect what happened. */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class DixaSimulator {
    @Inject SimulatorStore store;
    @Inject AnonymizationQueue queue;
    @Inject SimulatorRateLimit rateLimit;
    @Inject SimulatorFaults faults;
    @Inject CallLog callLog;
    @Inject DemoSeed demoSeed;
    @Inject SimulatorModes modes;
    @Inject AnonymizationIntake intake;
    @Inject SimulatorWebhooks webhooks;

    @ConfigProperty(name = "dixa.agent-id")
    UUID configuredAgentId;

    @ConfigProperty(name = "simulator.erasure-attribute-id", defaultValue = "5e5e0000-0000-4000-8000-00000000e7a5")
    UUID erasureAttributeId;

    @ConfigProperty(name = "simulator.seed.enabled", defaultValue = "false")
    boolean seedEnabled;

    void start(@Observes @Priority(10) StartupEvent event) {
        reset();
        if (seedEnabled) {
            demoSeed.plant(this);
        }
    }

    /** Clears data, calls, faults and modes; restores the configured limits, delay and throughput; unpauses the queue. */
    public void reset() {
        queue.reset();
        store.clear();
        store.addAgent(new Agent(configuredAgentId, "Erasure Worker", "erasure-worker@simulated.dixa.io", true));
        store.addAttributeDefinition(new AttributeDefinition(erasureAttributeId, "Erasure ticket", "erasure_ticket",
                false, List.of()));
        faults.clear();
        modes.clear();
        intake.clearConflicts();
        rateLimit.restoreDefaults();
        callLog.clear();
        webhooks.clear();
    }

    public UUID configuredAgentId() {
        return configuredAgentId;
    }

    public UUID erasureAttributeId() {
        return erasureAttributeId;
    }

    public UUID addAgent(String name, boolean admin) {
        UUID id = UUID.randomUUID();
        store.addAgent(new Agent(id, name, name.toLowerCase().replaceAll("[^a-z0-9]+", ".") + "@simulated.dixa.io", admin));
        return id;
    }

    public UUID addEndUser(String email, String phone) {
        return store.addEndUser(email, phone, Instant.now()).id;
    }

    /** Also sets the end user's externalId, which {@code GET /endusers?externalId=} finds. */
    public void setEndUserExternalId(UUID userId, String externalId) {
        synchronized (store) {
            Optional.ofNullable(store.endUser(userId)).orElseThrow().externalId = externalId;
        }
    }

    /** Conversations added from now on get ids above {@code id}, as a tenant whose counter moved on would. */
    public void skipConversationIdsPast(long id) {
        store.skipConversationIdsPast(id);
    }

    /** A conversation created as Closed counts as closed at {@code createdAt}; see {@link #closeConversationAt}. */
    public long addConversation(UUID requesterId, ConversationState state, String channel, Instant createdAt) {
        synchronized (store) {
            if (store.endUser(requesterId) == null) {
                throw new IllegalArgumentException("unknown end user " + requesterId);
            }
            StoredConversation conversation = store.addConversation(requesterId, channel, createdAt, "Inbound");
            if (state != ConversationState.Open) {
                store.changeState(conversation, state, configuredAgentId, createdAt);
            }
            return conversation.id;
        }
    }

    public UUID addMessage(long conversationId, UUID authorId, String text) {
        synchronized (store) {
            return store.addMessage(store.conversation(conversationId), authorId, text, Instant.now()).id;
        }
    }

    /** Simulates an agent changing the state, recording ConversationReopened or ConversationClosed. */
    public void setConversationState(long conversationId, ConversationState state) {
        synchronized (store) {
            store.changeState(store.conversation(conversationId), state, configuredAgentId, Instant.now());
        }
    }

    public void closeConversationAt(long conversationId, Instant closedAt) {
        synchronized (store) {
            store.close(store.conversation(conversationId), configuredAgentId, closedAt);
        }
    }

    public Optional<SimConversation> conversation(long id) {
        synchronized (store) {
            return Optional.ofNullable(store.findConversation(id)).map(StoredConversation::snapshot);
        }
    }

    public Optional<SimEndUser> endUser(UUID id) {
        synchronized (store) {
            return Optional.ofNullable(store.endUser(id)).map(StoredEndUser::snapshot);
        }
    }

    public List<SimAnonymizationRequest> anonymizationRequests() {
        return queue.snapshots();
    }

    public void setRateLimit(double perSecond, int burst) {
        rateLimit.set(perSecond, burst);
    }

    public void disableRateLimit() {
        rateLimit.disable();
    }

    public void setRetryAfterOn429(Duration retryAfterOrNull) {
        rateLimit.retryAfter(retryAfterOrNull);
    }

    public long tooManyRequestsCount() {
        return rateLimit.tooManyRequestsCount();
    }

    public void setAnonymizationDelay(Duration delay) {
        queue.setDelay(delay);
    }

    public void setAnonymizationThroughput(double perSecond) {
        queue.setThroughput(perSecond);
    }

    public void pauseAnonymizationQueue(boolean paused) {
        queue.pause(paused);
    }

    /** Requests for this entity (csid, user id, csid_messageId) stay unprocessed until set back to false. */
    public void neverProcess(String targetEntityId, boolean never) {
        queue.neverProcess(targetEntityId, never);
    }

    /** The next {@code times} anonymize calls for the conversation answer 409 although it may be closed. */
    public void conflictOnAnonymize(long conversationId, int times) {
        intake.conflictAnyway(conversationId, times);
    }

    public SimulatorFaults faults() {
        return faults;
    }

    /** Alternative answers where Dixa's specification is silent; cleared by {@link #reset()}. */
    public SimulatorModes modes() {
        return modes;
    }

    public List<SimCall> calls() {
        return callLog.all();
    }

    public void clearCalls() {
        callLog.clear();
    }
}
