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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dixa answers a status read with 404 (its request record expired): before the target fails, the conversation is
 * read, and one that reads anonymized is verified instead (issue 20, faults that mean stop).
 */
@QuarkusTest
class ExpiredRequestRecordTest {

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
        simulator.modes().requestRecordsExpired(false);
    }

    @Test
    void a404OnTheStatusReadOfAnAnonymizedConversationIsVerifiedNotFailed() {
        UUID customer = simulator.addEndUser(null, null);
        long anonymized = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        long untouched = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.neverProcess(Long.toString(untouched), true);
        simulator.pauseAnonymizationQueue(true);
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> List.of(
                ErasureTarget.conversation(request, anonymized, 0, Instant.now()),
                ErasureTarget.conversation(request, untouched, 0, Instant.now())));
        pipeline.runDueSteps();
        assertThat(tickets.targets(ticket)).allMatch(target -> target.state == TargetState.AWAITING_DIXA);

        simulator.modes().requestRecordsExpired(true);
        simulator.pauseAnonymizationQueue(false);
        pipeline.dixaProcessesDue();
        RequestState settled = pipeline.runUntilSettled(ticket);

        assertThat(simulator.calls()).filteredOn(call -> call.path().contains("/anonymization/request/"))
                .extracting(SimCall::status).contains(404);
        ErasureTarget verified = target(ticket, anonymized);
        assertThat(verified.state).isEqualTo(TargetState.DONE);
        assertThat(verified.verification).isEqualTo("VERIFIED");
        // A conversation that does not read anonymized keeps the 404: the target fails visibly, with the reason.
        ErasureTarget failed = target(ticket, untouched);
        assertThat(failed.state).isEqualTo(TargetState.FAILED);
        assertThat(failed.lastError).contains("404");
        assertThat(settled).isEqualTo(RequestState.FAILED);
    }

    private ErasureTarget target(UUID ticket, long conversation) {
        return tickets.targets(ticket).stream().filter(target -> target.conversationId == conversation).findFirst()
                .orElseThrow();
    }
}
