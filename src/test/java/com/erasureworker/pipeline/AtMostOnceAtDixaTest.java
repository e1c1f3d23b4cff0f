package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Effects Dixa cannot deduplicate (notes, closes, anonymize requests) happen once, whatever fails in between. */
@QuarkusTest
class AtMostOnceAtDixaTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser(null, null);
    }

    @AfterEach
    void stop() {
        simulator.faults().clear();
    }

    @Test
    void sixtyOpenConversationsGetOneNoteEachDespiteFailingNotePostsAndTheTicketCompletes() {
        List<Long> open = IntStream.range(0, 60)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now()))
                .toList();
        simulator.faults().only("POST", "/notes").errorRate(0.2).effectThenErrorRate(0.1);
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.endUser(request, customer, 0, Instant.now())));

        pipeline.runUntilSettled(ticket);
        ErasureTarget waiting = tickets.targets(ticket).get(0);
        assertThat(waiting.state).isEqualTo(TargetState.WAITING_FOR_CLOSE);
        assertThat(waiting.waitingReason).startsWith("60 conversation(s) not closed").hasSizeLessThan(300);
        assertThat(simulator.calls()).anyMatch(call -> call.path().endsWith("/notes") && call.status() == 500);
        simulator.faults().clear();
        pipeline.advance(Duration.ofHours(72));

        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(open).allSatisfy(id -> {
            assertThat(simulator.conversation(id).orElseThrow().notes()).as("notes on " + id).hasSize(1);
            assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(id + "/close")).hasSize(1);
        });
        assertThat(simulator.anonymizationRequests()).hasSize(1);
    }

    @Test
    void a409OnAClosedConversationIsNeitherNotedNorClosedAndTheConversationIsAskedAgainAfterTheProcessingTimeout() {
        long closed = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.conflictOnAnonymize(closed, 1);
        UUID ticket = tickets.create(ClosePolicy.FORCE_NOW,
                request -> List.of(ErasureTarget.conversation(request, closed, 0, Instant.now())));

        // Closed but not anonymized: Dixa likely has a request queued, so the worker reads and waits, spending nothing.
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(tickets.targets(ticket).get(0).attempts).isZero();
        pipeline.advance(Duration.ofHours(48).plusMinutes(1));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);

        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/notes") || call.path().endsWith("/close"));
        assertThat(simulator.conversation(closed).orElseThrow().notes()).isEmpty();
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(closed + "/anonymize"))
                .extracting(SimCall::status).containsExactly(409, 202);
        assertThat(tickets.history(ticket)).extracting(event -> event.type)
                .contains("CONFLICT_ON_CLOSED").doesNotContain("CONVERSATION_OPEN", "NOTE_POSTED");
    }

    @Test
    void aUserTicketAndAConversationTicketForTheSameConversationsAskDixaOnceAndBothComplete() {
        List<Long> conversations = IntStream.range(0, 3)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        // Dixa's queue holds the first request until the second ticket has looked.
        simulator.pauseAnonymizationQueue(true);
        UUID userTicket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.endUser(request, customer, 0, Instant.now())));
        pipeline.runDueSteps();
        assertThat(tickets.targets(userTicket).get(0).state).isEqualTo(TargetState.AWAITING_DIXA);
        UUID conversationTicket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> conversations.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
        pipeline.runDueSteps();
        assertThat(tickets.targets(conversationTicket)).allMatch(target -> target.state == TargetState.AWAITING_DIXA);
        simulator.pauseAnonymizationQueue(false);

        assertThat(pipeline.runUntilSettled(userTicket)).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.runUntilSettled(conversationTicket)).isEqualTo(RequestState.COMPLETED);

        assertThat(simulator.anonymizationRequests()).singleElement()
                .satisfies(request -> assertThat(request.targetEntityId()).isEqualTo(customer.toString()));
        UUID leader = tickets.targets(userTicket).get(0).id;
        assertThat(tickets.targets(conversationTicket)).allSatisfy(target -> {
            assertThat(target.followsTargetId).isEqualTo(leader);
            assertThat(target.verification).isEqualTo("VERIFIED");
        });
        assertThat(tickets.history(conversationTicket)).extracting(event -> event.type)
                .contains("FOLLOWING_EARLIER_REQUEST");
    }

    @Test
    void twoTicketsForTheSameConversationAskDixaOnce() {
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.pauseAnonymizationQueue(true);
        UUID first = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));
        pipeline.runDueSteps();
        assertThat(tickets.targets(first).get(0).state).isEqualTo(TargetState.AWAITING_DIXA);
        UUID second = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));
        pipeline.runDueSteps();
        assertThat(tickets.targets(second).get(0).state).isEqualTo(TargetState.AWAITING_DIXA);
        simulator.pauseAnonymizationQueue(false);

        assertThat(pipeline.runUntilSettled(first)).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.runUntilSettled(second)).isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
    }
}
