package com.erasureworker.controls;

import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * The simulator starts conversation ids at 1000 after each reset while the database keeps other tests' tickets, some
 * still in progress: their targets would reach this test's conversations. Filler conversations move the simulator
 * past every id a live target names (as the sweep tests do).
 */
@ApplicationScoped
public class UsedConversations {

    private final EntityManager entityManager;

    UsedConversations(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void skip(DixaSimulator simulator) {
        UUID filler = simulator.addEndUser("filler@example.com", "+4520000999");
        long used = used();
        while (simulator.addConversation(filler, ConversationState.Open, "Email", Instant.now()) <= used) {
            // one more filler
        }
    }

    @Transactional
    long used() {
        Number max = (Number) entityManager.createNativeQuery("""
                select greatest(
                  (select coalesce(max(conversation_id), 0) from erasure_target),
                  (select coalesce(max(conversation_id), 0) from erasure_target_conversation))""").getSingleResult();
        return max.longValue();
    }
}
