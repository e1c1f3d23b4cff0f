package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import com.erasureworker.testing.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant that shows no status for message requests (every status read of one answers 404, the simulator's
 * {@code messageStatusNotFound} mode): with DIXA_MESSAGE_STATUS_NOT_FOUND=accept (the default) the message target is
 * done on Dixa's 202, marked UNCONFIRMED rather than failed; the message was asked once. The pipeline runs by hand.
 */
@QuarkusTest
class MessageStatusNotShownTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SettableClock clock;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        simulator.setAnonymizationDelay(Duration.ZERO);
        simulator.modes().messageStatusNotFound(true);
    }

    @AfterEach
    void stop() {
        clock.reset();
    }

    @Test
    void aMessageWhoseRequestDixaDoesNotShowIsDoneAndMarkedUnconfirmed() {
        UUID customer = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        UUID message = simulator.addMessage(conversation, customer, "a message to erase");
        UUID ticket = tickets.create(ClosePolicy.NEVER,
                request -> List.of(ErasureTarget.message(request, conversation, message, 0, Instant.now())));

        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);

        ErasureTarget done = tickets.targets(ticket).get(0);
        assertThat(done.verification).isEqualTo("UNCONFIRMED");
        assertThat(done.processedAt).as("Dixa never showed processedAt").isNull();
        assertThat(simulator.calls()).filteredOn(call -> call.path().contains("/anonymization/request/"))
                .isNotEmpty().allMatch(call -> call.status() == 404);
        assertThat(simulator.calls()).extracting(SimCall::path)
                .filteredOn(path -> path.endsWith("/messages/" + message + "/anonymize")).hasSize(1);
    }
}
