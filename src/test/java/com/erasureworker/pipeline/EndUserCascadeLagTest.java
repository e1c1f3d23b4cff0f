package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
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
 * Dixa may report an end user's request processed before its conversations read anonymized (a cascade behind the
 * request; the simulator's {@code endUserCascadeLag} mode). Within WORKER_VERIFY_LAG (15 minutes) the verification
 * reads again without spending an attempt, so the target completes once the cascade is through; a conversation that
 * still does not read anonymized after that spends attempts and fails, visibly. The pipeline runs by hand.
 */
@QuarkusTest
class EndUserCascadeLagTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SettableClock clock;

    private UUID customer;
    private List<Long> conversations;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        simulator.setAnonymizationDelay(Duration.ZERO);
        customer = simulator.addEndUser(null, null);
        conversations = List.of(
                simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()),
                simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()));
    }

    @AfterEach
    void stop() {
        clock.reset();
    }

    @Test
    void anEndUserWhoseConversationsFollowLaterIsVerifiedWithoutSpendingAttempts() {
        simulator.modes().endUserCascadeLag(Duration.ofSeconds(2));
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.endUser(request, customer, 0, Instant.now())));

        pipeline.runDueSteps();
        pipeline.dixaProcessesDue();
        pipeline.advance(Duration.ofSeconds(5));
        pipeline.pollDue();
        pipeline.runDueSteps();

        ErasureTarget lagging = tickets.targets(ticket).get(0);
        assertThat(lagging.processedAt).as("Dixa reported the end user processed").isNotNull();
        assertThat(lagging.state).isEqualTo(TargetState.VERIFYING);
        assertThat(lagging.attempts).as("a lagging cascade spends no attempt").isZero();
        assertThat(lagging.lastError).contains("shows no anonymizedAt");

        // Dixa's cascade reaches the conversations (real time in the simulator).
        await().atMost(Duration.ofSeconds(10)).until(() -> conversations.stream()
                .allMatch(id -> simulator.conversation(id).orElseThrow().anonymizedAt() != null));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        ErasureTarget done = tickets.targets(ticket).get(0);
        assertThat(done.verification).isEqualTo("VERIFIED");
        assertThat(done.attempts).isZero();
    }

    @Test
    void conversationsThatStillDoNotReadAnonymizedAfterTheLagFailTheTarget() {
        simulator.modes().endUserCascadeLag(Duration.ofDays(1));
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.endUser(request, customer, 0, Instant.now())));

        pipeline.runDueSteps();
        pipeline.dixaProcessesDue();
        pipeline.advance(Duration.ofSeconds(5));
        pipeline.pollDue();
        pipeline.runDueSteps();
        assertThat(tickets.targets(ticket).get(0).attempts).isZero();

        pipeline.advance(Duration.ofMinutes(16));
        assertThat(pipeline.runUntilSettled(ticket, Duration.ofHours(2))).isEqualTo(RequestState.FAILED);
        ErasureTarget failed = tickets.targets(ticket).get(0);
        assertThat(failed.state).isEqualTo(TargetState.FAILED);
        assertThat(failed.lastError).contains("shows no anonymizedAt").contains("gave up after");
    }
}
