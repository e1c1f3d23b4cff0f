package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A replica stopped mid-run (its runner's shutdown path, as SIGTERM runs it) hands back the claims of the steps that
 * did not finish within the grace: they are claimable at once, though the lease (2 minutes) has far to run, and the
 * other replica finishes the ticket without any Dixa effect happening twice.
 */
@QuarkusTest
@TestProfile(ShutdownHandBackTest.ShortGrace.class)
class ShutdownHandBackTest {

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shutdown.step-grace", "200ms", "worker.lease-duration", "2m", "worker.concurrency", "4");
        }
    }

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ScheduledJobs jobs;

    @Inject
    SecondReplica stopping;

    @AfterEach
    void stop() throws InterruptedException {
        stopping.stop();
        jobs.stop();
        simulator.faults().clear();
    }

    @Test
    void aReplicaStoppedMidRunHandsBackItsClaimsAndTheOtherFinishesWithoutRepeatingAnEffect() throws Exception {
        simulator.reset();
        simulator.disableRateLimit();
        UUID customer = simulator.addEndUser(null, null);
        List<Long> open = IntStream.range(0, 8)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now()))
                .toList();
        simulator.faults().slow(1.0, Duration.ofMillis(1500)); // steps outlast the 200 ms grace
        UUID ticket = tickets.create(ClosePolicy.FORCE_NOW, request -> open.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
        stopping.start();
        String owner = stopping.owner();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.targets(ticket).stream()
                .anyMatch(target -> owner.equals(target.leaseOwner)));

        stopping.stop();

        assertThat(tickets.targets(ticket)).as("no claim left behind: every target claimable at once")
                .allSatisfy(target -> {
                    assertThat(target.leaseOwner).isNotEqualTo(owner);
                    assertThat(target.leaseUntil == null || target.leaseUntil.isBefore(Instant.now())).isTrue();
                });

        simulator.faults().clear();
        jobs.startPipeline();
        await().atMost(Duration.ofSeconds(120)).until(() -> tickets.request(ticket).state == RequestState.COMPLETED);

        assertThat(open).allSatisfy(id -> {
            assertThat(simulator.conversation(id).orElseThrow().notes()).as("notes on " + id).hasSize(1);
            assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(id + "/close")).hasSize(1);
            assertThat(simulator.anonymizationRequests()).filteredOn(r -> r.targetEntityId().equals(id.toString()))
                    .hasSize(1);
        });
    }
}
