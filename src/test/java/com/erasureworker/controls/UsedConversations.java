package com.erasureworker.controls;

import com.erasureworker.simulator.DixaSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The simulator starts conversation ids at 1000 after each reset while the database keeps other tests' tickets, some
 * still in progress: their targets would reach this test's conversations. The simulator's id counter is moved past
 * every id a target names (as the sweep tests do).
 */
@ApplicationScoped
public class UsedConversations {

    private final EntityManager entityManager;

    UsedConversations(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void skip(DixaSimulator simulator) {
        simulator.skipConversationIdsPast(used());
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
