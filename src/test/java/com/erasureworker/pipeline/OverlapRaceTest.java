package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimAnonymizationRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tickets for the same conversations, submitted at once (a bulk retry, two DPOs): their targets are claimed side by
 * side by the parallel workers, and each conversation is still asked of Dixa once (issue 20, overlaps without a race).
 */
@QuarkusTest
class OverlapRaceTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @AfterEach
    void stop() {
        simulator.faults().clear();
    }

    @Test
    void twoTicketsForTheSame50ConversationsSubmittedAtOnceMake50AnonymizeRequests() {
        UUID customer = simulator.addEndUser(null, null);
        List<Long> conversations = IntStream.range(0, 50)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        // Dixa takes a moment to answer each anonymize call: the window in which the twin target is claimed.
        simulator.faults().only("PATCH", "/anonymize").slow(1.0, Duration.ofMillis(150));
        UUID first = ticket(conversations);
        UUID second = ticket(conversations);
        // Both tickets' targets for one conversation come due at the same instant, so the workers take them together.
        Instant due = Instant.now().minusSeconds(60);
        Map<Long, Instant> dueAt = conversations.stream()
                .collect(Collectors.toMap(id -> id, id -> due.plusMillis(conversations.indexOf(id))));
        tickets.change(first, target -> target.nextAttemptAt = dueAt.get(target.conversationId));
        tickets.change(second, target -> target.nextAttemptAt = dueAt.get(target.conversationId));

        assertThat(pipeline.runUntilSettled(first)).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.runUntilSettled(second)).isEqualTo(RequestState.COMPLETED);

        Map<String, Long> perConversation = simulator.anonymizationRequests().stream()
                .collect(Collectors.groupingBy(SimAnonymizationRequest::targetEntityId, Collectors.counting()));
        assertThat(perConversation).hasSize(50).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        // The twin of each conversation followed the first request, or, when it looked after that one had ended, read
        // the conversation anonymized; either way it has its own verification.
        assertThat(tickets.targets(first).size() + tickets.targets(second).size()).isEqualTo(100);
        assertThat(List.of(first, second)).flatMap(tickets::targets)
                .allSatisfy(target -> assertThat(target.verification).isEqualTo("VERIFIED"));
    }

    private UUID ticket(List<Long> conversations) {
        return tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> conversations.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
    }
}
