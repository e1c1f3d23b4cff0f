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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline against the simulator: from PENDING targets to a completed, verified ticket, by close policy. */
@QuarkusTest
class ErasurePipelineTest {

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
        customer = simulator.addEndUser("jane@example.com", "+4520000017");
    }

    @Test
    void closedConversationsAreAnonymizedFollowedUntilProcessedAndVerified() {
        List<Long> ids = IntStream.range(0, 3)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> ids.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());

        settlesAs(ticket, RequestState.COMPLETED);

        assertThat(tickets.targets(ticket)).allSatisfy(target -> {
            assertThat(target.state).isEqualTo(TargetState.DONE);
            assertThat(target.dixaRequestId).isNotNull();
            assertThat(target.processedAt).isNotNull();
            assertThat(target.verification).isEqualTo("VERIFIED");
        });
        assertThat(ids).allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNotNull());
        String ticketRef = tickets.request(ticket).ticketRef;
        assertThat(ids).allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().customAttributes())
                .as("DIXA_ERASURE_ATTRIBUTE_ID marks the conversation with the ticket before anonymizing")
                .containsEntry(simulator.erasureAttributeId(), ticketRef));
        assertThat(tickets.request(ticket).outcome).isEqualTo("ERASED");
        assertThat(callsTo("/anonymize")).hasSize(3).allSatisfy(call -> assertThat(call.query()).contains("force=false"));
        assertThat(tickets.history(ticket)).extracting(event -> event.type)
                .contains("DIXA_CALL", "STATUS_OBSERVED", "TARGET_STATE_CHANGED", "VERIFIED", "TICKET_COMPLETED");
    }

    @Test
    void anOpenConversationIsNotedClosedWithTheAgentAndAnonymizedWithoutForceWhenThePolicyIsForceNow() {
        long open = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.FORCE_NOW,
                request -> List.of(ErasureTarget.conversation(request, open, 0, Instant.now())));

        settlesAs(ticket, RequestState.COMPLETED);

        List<SimCall> calls = simulator.calls().stream().filter(call -> call.path().contains("/" + open)).toList();
        assertThat(calls).extracting(call -> call.method() + " " + call.path().replace("/v1/conversations/" + open, ""))
                .containsSubsequence("PATCH /anonymize", "POST /notes", "PUT /close", "PATCH /anonymize");
        assertThat(calls).filteredOn(call -> call.path().endsWith("/close")).singleElement()
                .satisfies(call -> assertThat(call.body()).contains(simulator.configuredAgentId().toString()));
        assertThat(calls).filteredOn(call -> call.path().endsWith("/anonymize"))
                .allSatisfy(call -> assertThat(call.query()).contains("force=false"));
        assertThat(simulator.conversation(open).orElseThrow().notes()).singleElement()
                .satisfies(note -> assertThat(note).contains(tickets.request(ticket).ticketRef).doesNotContain("jane"));
        assertThat(tickets.history(ticket)).extracting(event -> event.type)
                .contains("CONVERSATION_OPEN", "NOTE_POSTED", "CONVERSATION_FORCE_CLOSED");
    }

    @Test
    void waitThenForceNotesOnceWaitsForAgentsAndClosesOnlyWhenTheGracePeriodEnds() {
        long open = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, open, 0, Instant.now())));

        ErasureTarget waiting = waitsIn(ticket, TargetState.WAITING_FOR_CLOSE);
        assertThat(waiting.graceUntil).isAfter(Instant.now().plus(Duration.ofHours(71)));
        assertThat(waiting.waitingReason).contains("WAIT_THEN_FORCE");

        pipeline.advance(Duration.ofMinutes(16));
        pipeline.runUntilSettled(ticket);
        assertThat(callsTo(open + "/anonymize")).hasSize(2);
        ErasureTarget rechecked = tickets.targets(ticket).get(0);
        assertThat(rechecked.nextAttemptAt).isAfter(waiting.nextAttemptAt.plus(Duration.ofMinutes(10)));
        assertThat(rechecked.state).as("still open within the grace period: waiting again").isEqualTo(TargetState.WAITING_FOR_CLOSE);
        assertThat(rechecked.graceUntil).isEqualTo(waiting.graceUntil);
        assertThat(simulator.conversation(open).orElseThrow().notes()).hasSize(1);
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/close"));

        pipeline.advance(Duration.ofHours(72));
        settlesAs(ticket, RequestState.COMPLETED);
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(open + "/close")).hasSize(1);
        assertThat(simulator.conversation(open).orElseThrow().notes()).hasSize(1);
    }

    @Test
    void neverPolicyWaitsVisiblyWithoutClosingAndFinishesOnceAnAgentClosesTheConversation() {
        long open = simulator.addConversation(customer, ConversationState.Pending, "Email", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.NEVER,
                request -> List.of(ErasureTarget.conversation(request, open, 0, Instant.now())));

        ErasureTarget waiting = waitsIn(ticket, TargetState.WAITING_FOR_CLOSE);
        assertThat(waiting.waitingReason).contains("NEVER").contains(Long.toString(open));
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("CONVERSATION_OPEN");
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/close") || call.path().endsWith("/notes"));

        simulator.setConversationState(open, ConversationState.Closed);
        tickets.dueNow(ticket);

        settlesAs(ticket, RequestState.COMPLETED);
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/close") || call.path().endsWith("/notes"));
    }

    @Test
    void anEndUserErasureRecordsTheConversationsItCoversAndClosesTheOpenOneFirst() {
        long closed = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        long open = simulator.addConversation(customer, ConversationState.Open, "WidgetChat", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.FORCE_NOW,
                request -> List.of(ErasureTarget.endUser(request, customer, 0, Instant.now())));

        settlesAs(ticket, RequestState.COMPLETED);

        assertThat(simulator.endUser(customer).orElseThrow().email()).isNull();
        assertThat(simulator.conversation(open).orElseThrow().anonymizedAt()).isNotNull();
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith("/close"))
                .extracting(SimCall::path).containsExactly("/v1/conversations/" + open + "/close");
        assertThat(tickets.history(ticket)).filteredOn(event -> event.type.equals("CONVERSATIONS_COVERED"))
                .singleElement().satisfies(event -> assertThat(event.detail.get("count")).isEqualTo(2));
        assertThat(tickets.targets(ticket).get(0).verification).isEqualTo("VERIFIED");
        assertThat(simulator.conversation(closed).orElseThrow().anonymizedAt()).as("the closed one is covered too")
                .isNotNull();
    }

    @Test
    void aMessageIsAnonymizedWithoutEverReadingItsContent() {
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        UUID message = simulator.addMessage(conversation, customer, "my card is 4111 1111 1111 1111");
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.message(request, conversation, message, 0, Instant.now())));

        settlesAs(ticket, RequestState.COMPLETED);

        assertThat(tickets.targets(ticket).get(0).verification).isEqualTo("NOT_APPLICABLE");
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/messages"));
        assertThat(simulator.anonymizationRequests()).singleElement()
                .satisfies(request -> assertThat(request.targetEntityId()).isEqualTo(conversation + "_" + message));
    }

    @Test
    void aConversationDixaDoesNotKnowFailsTheTicketWithAClearError() {
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, 999_999_999L, 0, Instant.now())));

        settlesAs(ticket, RequestState.FAILED);

        ErasureTarget target = tickets.targets(ticket).get(0);
        assertThat(target.lastError).contains("NOT_FOUND");
        assertThat(target.failedStep).isEqualTo(TargetState.PENDING);
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("TICKET_FAILED");
    }

    private void settlesAs(UUID ticket, RequestState state) {
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(state);
    }

    private ErasureTarget waitsIn(UUID ticket, TargetState state) {
        pipeline.runUntilSettled(ticket);
        ErasureTarget target = tickets.targets(ticket).get(0);
        assertThat(target.state).isEqualTo(state);
        return target;
    }

    private List<SimCall> callsTo(String suffix) {
        return simulator.calls().stream().filter(call -> call.path().endsWith(suffix)).toList();
    }
}
