package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a backlog Dixa has already processed, status reads catch up in groups (WORKER_POLL_CATCH_UP_READS, 8 by
 * default) instead of one at a time, and still read each request once. Every GET is answered 300 ms late here, so two
 * status reads arriving closer together than that were made at once. The profile restores the production overdue
 * threshold (5 min; the test profile's 3 s would count this backlog, held in Dixa's queue for a few seconds, as
 * overdue heads, which are read one by one on their own schedules).
 */
@QuarkusTest
@TestProfile(StatusCatchUpTest.ProductionOverdue.class)
class StatusCatchUpTest {

    public static class ProductionOverdue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("worker.poll.overdue-min", "5m");
        }
    }

    private static final int CONVERSATIONS = 16;
    private static final Duration SLOW = Duration.ofMillis(300);

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ScheduledJobs jobs;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @AfterEach
    void stop() {
        jobs.stop();
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
        simulator.pauseAnonymizationQueue(true);
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> ids.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
        jobs.startPipeline();
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.targets(ticket).stream()
                .allMatch(target -> target.state == TargetState.AWAITING_DIXA));
        jobs.stop();

        // Dixa processes the whole backlog while no status read runs; the reads start well after processedAt.
        simulator.pauseAnonymizationQueue(false);
        await().atMost(Duration.ofSeconds(60)).until(() -> simulator.anonymizationRequests().size() == CONVERSATIONS
                && simulator.anonymizationRequests().stream().allMatch(request -> request.processedAt() != null
                        && request.processedAt().isBefore(Instant.now().minusSeconds(1))));
        simulator.faults().slow(1.0, SLOW).only("GET", "");
        simulator.clearCalls();
        jobs.startPipeline();

        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.request(ticket).state == RequestState.COMPLETED);

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
