package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a backlog Dixa has already processed, status reads catch up in groups (WORKER_POLL_CATCH_UP_READS, 8 by
 * default) instead of one at a time, and still read each request once. Every GET is answered 300 ms late here, so two
 * status reads arriving closer together than that were made at once (the poller's readers are real threads). The
 * pipeline runs by hand: Dixa processes the whole backlog at once, and the clock then stands 1.5 s later, so every
 * request was processed longer ago than the least read interval (500 ms: the reads are behind) but none is older than
 * the overdue threshold (3 s: overdue heads are read one by one on their own schedules).
 */
@QuarkusTest
class StatusCatchUpTest {

    private static final int CONVERSATIONS = 16;
    private static final Duration SLOW = Duration.ofMillis(300);
    /** Between the least read interval (500 ms) and the overdue threshold (3 s) of the test profile. */
    private static final Duration BEHIND_DIXA = Duration.ofMillis(1500);

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
    }

    @AfterEach
    void stop() {
        clock.thaw();
        simulator.faults().clear();
        simulator.pauseAnonymizationQueue(false);
    }

    @Test
    void aProcessedBacklogIsReadInGroupsEachRequestOnce() {
        UUID customer = simulator.addEndUser(null, null);
        List<Long> ids = IntStream.range(0, CONVERSATIONS)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        simulator.setAnonymizationDelay(Duration.ZERO);
        simulator.setAnonymizationThroughput(1_000_000);
        simulator.pauseAnonymizationQueue(true);
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> ids.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
        pipeline.runDueSteps();
        assertThat(tickets.targets(ticket)).allSatisfy(target -> assertThat(target.state)
                .isEqualTo(TargetState.AWAITING_DIXA));

        // Dixa processes the whole backlog while no status read runs; the reads start well after processedAt.
        simulator.pauseAnonymizationQueue(false);
        pipeline.dixaProcessesDue();
        assertThat(simulator.anonymizationRequests()).hasSize(CONVERSATIONS)
                .allSatisfy(request -> assertThat(request.processedAt()).isNotNull());
        pipeline.advance(BEHIND_DIXA);
        clock.freeze();
        simulator.faults().slow(1.0, SLOW).only("GET", "");
        simulator.clearCalls();

        pipeline.pollDue();
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);

        List<Instant> reads = simulator.calls().stream().filter(StatusCatchUpTest::isStatusRead).map(SimCall::at)
                .sorted().toList();
        assertThat(reads).as("each processed request read once, none spent early").hasSize(CONVERSATIONS);
        long together = IntStream.range(1, reads.size())
                .filter(i -> Duration.between(reads.get(i - 1), reads.get(i)).compareTo(SLOW.dividedBy(2)) < 0)
                .count();
        assertThat(together).as("status reads made at once (closer than a read takes)").isGreaterThan(0);
        assertThat(IntStream.range(8, reads.size())
                .allMatch(i -> Duration.between(reads.get(i - 8), reads.get(i)).compareTo(SLOW.dividedBy(2)) >= 0))
                .as("at most 8 reads at once").isTrue();
    }

    private static boolean isStatusRead(SimCall call) {
        return "GET".equals(call.method()) && call.path().contains("/anonymization/request/");
    }
}
