package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.controls.ProcessingPause;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token Dixa refuses (revoked, rotated, stripped of rights) would fail every target the same way: the worker pauses
 * processing instead, with the reason, and every target waits where it was until an operator resumes (issue 20).
 */
@QuarkusTest
class RevokedTokenPauseTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @Inject
    ProcessingPause pause;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser(null, null);
    }

    @AfterEach
    void stop() {
        simulator.modes().tokenRevoked(false);
        if (pause.paused()) {
            pause.resume("test over", "tests");
        }
    }

    @Test
    void aTokenRevokedMidRunPausesProcessingAndNoTargetFails() {
        UUID before = ticket(3);
        assertThat(pipeline.runUntilSettled(before)).isEqualTo(RequestState.COMPLETED);
        UUID during = ticket(6);

        simulator.modes().tokenRevoked(true);
        pipeline.runDueSteps();

        ProcessingPause.State state = pause.state();
        assertThat(state.paused()).isTrue();
        assertThat(state.changedBy()).isEqualTo("system");
        assertThat(state.reason()).startsWith("Dixa refused the worker's token (HTTP 401");
        assertThat(tickets.targets(during)).allSatisfy(target -> {
            assertThat(target.state).isEqualTo(TargetState.PENDING);
            assertThat(target.attempts).isZero();
        });
        // Steps already under way when the first refusal paused processing may meet one refusal each; no more follow.
        assertThat(simulator.calls()).filteredOn(call -> call.status() == 401).hasSizeBetween(1, 5);
        assertThat(tickets.request(during).state).isEqualTo(RequestState.IN_PROGRESS);

        simulator.modes().tokenRevoked(false);
        pause.resume("token rotated", "admin");
        assertThat(pipeline.runUntilSettled(during)).isEqualTo(RequestState.COMPLETED);
        assertThat(tickets.targets(during)).allSatisfy(target -> assertThat(target.verification).isEqualTo("VERIFIED"));
    }

    private UUID ticket(int conversations) {
        List<Long> ids = IntStream.range(0, conversations)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        return tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> ids.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
    }
}
