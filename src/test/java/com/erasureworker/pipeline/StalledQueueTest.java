package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dixa's queue stalls with a sweep's requests outstanding: every one of them becomes overdue, and reading each on its
 * own schedule would take the whole rate budget. While the queue is stalled only the oldest overdue request is read,
 * capped at a share of the budget (issue 20); once Dixa moves again, the requests are followed to the end.
 */
@QuarkusTest
class StalledQueueTest {

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

    @Test
    void aStalledQueueCostsAFewReadsAndItsRequestsAreFollowedOnceDixaMovesAgain() {
        UUID customer = simulator.addEndUser(null, null);
        simulator.pauseAnonymizationQueue(true);
        List<Long> sweep = IntStream.range(0, 100)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        UUID sweepTicket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> sweep.stream()
                .map(id -> ErasureTarget.conversation(request, id, 1, Instant.now())).toList());
        for (int run = 0; run < 10 && !allAwaiting(sweepTicket); run++) {
            pipeline.runDueSteps(); // a run ends after WORKER_MAX_RUN; a busy machine may need a few
        }
        assertThat(allAwaiting(sweepTicket)).isTrue();

        // An hour on, every one of them is overdue and due for a read.
        pipeline.advance(Duration.ofHours(1));
        simulator.clearCalls();
        for (int pass = 0; pass < 5; pass++) {
            pipeline.pollDue();
            pipeline.advance(Duration.ofMinutes(1));
        }
        long reads = statusReads();
        // Per pass: the oldest overdue request (capped) and the head of the rest; not 100.
        assertThat(reads).isBetween(1L, 10L);

        // Dixa moves again: once a read finds the oldest processed, the others are read on their own schedules again.
        simulator.pauseAnonymizationQueue(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            pipeline.dixaProcessesDue();
            return simulator.anonymizationRequests().stream().allMatch(request -> request.processedAt() != null);
        });
        // The oldest is read again after a share of its age (10 %: six minutes for an hour); it is processed, the
        // stall is over, and the rest are followed on their own schedules.
        pipeline.advance(Duration.ofMinutes(7));
        assertThat(pipeline.runUntilSettled(sweepTicket, Duration.ofMinutes(10))).isEqualTo(RequestState.COMPLETED);
    }

    private boolean allAwaiting(UUID ticket) {
        return tickets.targets(ticket).stream().allMatch(target -> target.state == TargetState.AWAITING_DIXA);
    }

    private long statusReads() {
        return simulator.calls().stream().filter(call -> call.path().contains("/anonymization/request/")).count();
    }
}
