package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent closes the conversation between the worker's note and its close, on a tenant that answers a close of a
 * closed conversation with 400: the close failed, but the conversation is closed, and the erasure goes on in the same
 * step instead of failing the target (issue 20, faults that mean stop).
 */
@QuarkusTest
class CloseMeanwhileTest {

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
    void aCloseAnswered400ForAConversationAnAgentClosedMeanwhileCountsAsClosed() {
        UUID customer = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        simulator.modes().closeOfClosedIsBadRequest(true);
        simulator.faults().beforeNext("PUT", "/close",
                () -> simulator.setConversationState(conversation, ConversationState.Closed));
        UUID ticket = tickets.create(ClosePolicy.FORCE_NOW,
                request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));

        pipeline.runDueSteps();

        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(conversation + "/close"))
                .extracting(SimCall::status).containsExactly(400);
        assertThat(tickets.targets(ticket).get(0).attempts).isZero();
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("CONVERSATION_CLOSED_MEANWHILE")
                .doesNotContain("CONVERSATION_FORCE_CLOSED");
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
    }
}
