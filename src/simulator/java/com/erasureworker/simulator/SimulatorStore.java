package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * All simulated Dixa data (agents, end users, conversations with their messages, notes and activity) behind one lock.
 * Every method is synchronized: calls are short, and one lock keeps snapshots and the anonymization processor consistent.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SimulatorStore {
    static final String INTEGRATION_EMAIL = "support@simulated.email.dixa.io";

    private final Map<UUID, Agent> agents = new LinkedHashMap<>();
    private final Map<UUID, StoredEndUser> endUsers = new LinkedHashMap<>();
    /** Sorted by csid so search and paging walk from a cursor in O(page). */
    private final NavigableMap<Long, StoredConversation> conversations = new TreeMap<>();
    private final Map<UUID, AttributeDefinition> attributeDefinitions = new LinkedHashMap<>();
    private long nextConversationId = 1000;

    @jakarta.inject.Inject
    SimulatorWebhooks webhooks;

    synchronized void clear() {
        agents.clear();
        endUsers.clear();
        conversations.clear();
        attributeDefinitions.clear();
        nextConversationId = 1000;
    }

    synchronized void addAgent(Agent agent) {
        agents.put(agent.id(), agent);
    }

    synchronized Agent agent(UUID id) {
        return id == null ? null : agents.get(id);
    }

    synchronized List<Agent> agents() {
        return List.copyOf(agents.values());
    }

    synchronized void addAttributeDefinition(AttributeDefinition definition) {
        attributeDefinitions.put(definition.id(), definition);
    }

    synchronized AttributeDefinition attributeDefinition(UUID id) {
        return attributeDefinitions.get(id);
    }

    synchronized StoredEndUser addEndUser(String email, String phone, Instant createdAt) {
        StoredEndUser user = new StoredEndUser(UUID.randomUUID(), createdAt);
        user.email = email;
        user.phone = phone;
        String local = email != null ? email.substring(0, email.indexOf('@') < 0 ? email.length() : email.indexOf('@'))
                : phone;
        user.displayName = local == null ? "Unknown customer" : "Customer " + local;
        user.firstName = "Customer";
        user.lastName = local;
        endUsers.put(user.id, user);
        return user;
    }

    synchronized StoredEndUser endUser(UUID id) {
        return endUsers.get(id);
    }

    /** Exact, case-sensitive match on one field, oldest user first; anonymized users no longer match (PII is gone). */
    synchronized List<StoredEndUser> endUsersWhere(Predicate<StoredEndUser> match) {
        return endUsers.values().stream().filter(match)
                .sorted(Comparator.comparing((StoredEndUser u) -> u.createdAt).thenComparing(u -> u.id)).toList();
    }

    /** The next conversation gets an id above {@code id} (tests keep clear of ids the database already names). */
    synchronized void skipConversationIdsPast(long id) {
        nextConversationId = Math.max(nextConversationId, id + 1);
    }

    synchronized StoredConversation addConversation(UUID requesterId, String channel, Instant createdAt,
            String direction) {
        StoredConversation conversation = new StoredConversation(nextConversationId++, requesterId, channel, createdAt,
                direction);
        StoredEndUser requester = endUsers.get(requesterId);
        if ("Email".equals(channel) || "ContactForm".equals(channel)) {
            conversation.fromEmail = requester == null ? null : requester.email;
            conversation.toEmail = INTEGRATION_EMAIL;
            conversation.integrationEmail = INTEGRATION_EMAIL;
            conversation.subject = "Question about order " + conversation.id;
        } else if ("Sms".equals(channel)) {
            conversation.fromNumber = requester == null ? null : requester.phone;
        } else if ("WidgetChat".equals(channel)) {
            conversation.browserIp = "192.0.2." + (conversation.id % 250 + 1);
        }
        conversations.put(conversation.id, conversation);
        return conversation;
    }

    /** The conversation or a 404. */
    synchronized StoredConversation conversation(long id) {
        StoredConversation conversation = conversations.get(id);
        if (conversation == null) {
            throw DixaError.notFound();
        }
        return conversation;
    }

    synchronized StoredConversation findConversation(long id) {
        return conversations.get(id);
    }

    synchronized List<StoredConversation> conversationsOf(UUID requesterId) {
        return conversations.values().stream().filter(c -> c.requesterId.equals(requesterId)).toList();
    }

    /**
     * Up to {@code limit + 1} matching conversations after (ascending) or before (descending, then reversed) a csid;
     * the extra one tells the caller whether another page exists.
     */
    synchronized List<StoredConversation> scan(Long after, Long before, int limit,
            Predicate<StoredConversation> match) {
        Iterable<StoredConversation> range = before != null ? conversations.headMap(before, false).descendingMap().values()
                : after != null ? conversations.tailMap(after, false).values() : conversations.values();
        List<StoredConversation> found = new ArrayList<>();
        for (StoredConversation conversation : range) {
            if (match.test(conversation)) {
                found.add(conversation);
                if (found.size() > limit) {
                    break;
                }
            }
        }
        return found;
    }

    synchronized void close(StoredConversation conversation, UUID byUserId, Instant at) {
        conversation.state = ConversationState.Closed;
        conversation.stateUpdatedAt = at;
        conversation.closedAt = at;
        if (conversation.firstClosedAt == null) {
            conversation.firstClosedAt = at;
        }
        record(conversation, "ConversationClosed", byUserId, at, Map.of());
        webhooks.conversationChanged(conversation, endUsers.get(conversation.requesterId), "ConversationClosed");
    }

    synchronized void changeState(StoredConversation conversation, ConversationState state, UUID byUserId,
            Instant at) {
        if (state == ConversationState.Closed) {
            close(conversation, byUserId, at);
            return;
        }
        boolean reopening = conversation.isClosed();
        conversation.state = state;
        conversation.stateUpdatedAt = at;
        conversation.closedAt = null;
        if (reopening) {
            record(conversation, "ConversationReopened", byUserId, at, Map.of());
        }
        if (state == ConversationState.Open) {
            webhooks.conversationChanged(conversation, endUsers.get(conversation.requesterId), "ConversationOpen");
        }
    }

    synchronized StoredMessage addMessage(StoredConversation conversation, UUID authorId, String text, Instant at) {
        boolean fromCustomer = authorId.equals(conversation.requesterId);
        StoredMessage message = new StoredMessage(UUID.randomUUID(), authorId, at, fromCustomer ? "Inbound" : "Outbound",
                text);
        if (conversation.fromEmail != null) {
            StoredEndUser requester = endUsers.get(conversation.requesterId);
            String customer = requester == null ? null : requester.email;
            message.fromEmail = fromCustomer ? customer : INTEGRATION_EMAIL;
            message.toEmail = fromCustomer ? INTEGRATION_EMAIL : customer;
            message.attachmentUrl = "https://files.dixa.io/private/simulated/attachment/" + message.id;
        }
        conversation.messages.add(message);
        record(conversation, fromCustomer ? "MessageAddedByCustomer" : "MessageAddedByAgent", authorId, at, Map.of());
        return message;
    }

    synchronized StoredNote addNote(StoredConversation conversation, UUID authorId, String text, Instant at) {
        StoredNote note = new StoredNote(UUID.randomUUID(), authorId, at, conversation.id, text);
        conversation.notes.add(note);
        record(conversation, "NoteAdded", authorId, at, Map.of("message", text));
        return note;
    }

    synchronized void record(StoredConversation conversation, String type, UUID authorId, Instant at,
            Map<String, Object> attributes) {
        conversation.activity.add(new ActivityEntry(UUID.randomUUID(), conversation.id, at, type, authorId, attributes));
    }
}
