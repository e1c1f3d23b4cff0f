package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
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
import org.junit.jupiter.api.Test;

/**
 * A step that outlasts its lease many times over (slow Dixa answers) keeps its target: no effect happens twice. The
 * step runs are made by hand, but each is the real one: four workers on their own threads, each claim's lease renewed
 * by the heartbeat thread while the other workers look for due targets. The profile shortens the lease to 1 s, which
 * the application's clock cannot stand in for: the heartbeat renews in real time.
 */
@QuarkusTest
@TestProfile(SlowStepLeaseTest.ShortLease.class)
class SlowStepLeaseTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("worker.lease-duration", "1s", "worker.concurrency", "4");
        }
    }

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @AfterEach
    void stop() {
        simulator.faults().clear();
    }

    @Test
    void stepsSlowerThanTheLeaseWithOtherWorkersRunningAnonymizeNoteAndCloseEachConversationOnce() {
        simulator.reset();
        simulator.disableRateLimit();
        UUID customer = simulator.addEndUser(null, null);
        List<Long> open = IntStream.range(0, 3)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now()))
                .toList();
        simulator.faults().slow(1.0, Duration.ofMillis(1500)); // past the 1 s lease, within the 2 s read timeout
        UUID ticket = tickets.create(ClosePolicy.FORCE_NOW, request -> open.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());

        // Up to an hour of waits: a 1.5 s answer that passes the 2 s read timeout on a loaded machine is waited on.
        assertThat(pipeline.runUntilSettled(ticket, Duration.ofHours(1))).isEqualTo(RequestState.COMPLETED);

        assertThat(open).allSatisfy(id -> {
            assertThat(simulator.conversation(id).orElseThrow().notes()).as("notes on " + id).hasSize(1);
            assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(id + "/close")).hasSize(1);
            assertThat(simulator.anonymizationRequests()).filteredOn(r -> r.targetEntityId().equals(id.toString()))
                    .hasSize(1);
        });
        assertThat(tickets.history(ticket)).extracting(event -> event.type).doesNotContain("STALE_RESULT_DISCARDED");
    }
}
