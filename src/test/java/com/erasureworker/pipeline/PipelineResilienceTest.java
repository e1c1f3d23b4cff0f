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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures the worker must survive without losing or repeating work: faults, a stuck Dixa queue, a dead replica. */
@QuarkusTest
class PipelineResilienceTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ScheduledJobs jobs;

    @Inject
    TicketControl control;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        customer = simulator.addEndUser(null, null);
        jobs.startPipeline();
    }

    @AfterEach
    void stop() {
        jobs.stop();
        simulator.faults().clear();
    }

    @Test
    void everyTicketCompletesWhileDixaFailsAFifthOfCallsAndResetsConnections() {
        simulator.faults().errorRate(0.2).resetRate(0.05).effectThenErrorRate(0.05);
        List<UUID> ticketIds = IntStream.range(0, 8).mapToObj(i -> {
            long first = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
            long second = simulator.addConversation(customer, ConversationState.Open, "Sms", Instant.now());
            return tickets.create(ClosePolicy.FORCE_NOW, request -> List.of(
                    ErasureTarget.conversation(request, first, 0, Instant.now()),
                    ErasureTarget.conversation(request, second, 0, Instant.now())));
        }).toList();

        await().atMost(Duration.ofSeconds(90)).until(() -> ticketIds.stream()
                .allMatch(id -> tickets.request(id).state == RequestState.COMPLETED));

        assertThat(simulator.calls()).anyMatch(call -> call.status() == 500);
        assertThat(ticketIds).allSatisfy(id -> assertThat(tickets.targets(id))
                .allSatisfy(target -> assertThat(target.verification).isEqualTo("VERIFIED")));
    }

    @Test
    void aRequestDixaNeverProcessesDoesNotDelayTheOthersFailsVisiblyAndARetryAsksDixaAgain() {
        simulator.disableRateLimit();
        long never = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.neverProcess(Long.toString(never), true);
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, never, 0, Instant.now())));
        await().until(() -> tickets.targets(ticket).get(0).state == TargetState.AWAITING_DIXA);

        List<UUID> others = IntStream.range(0, 3).mapToObj(i -> {
            long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
            return tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                    request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));
        }).toList();
        // Younger requests behind the unprocessed head still complete (the head is read on its own schedule).
        await().atMost(Duration.ofSeconds(20)).until(() -> others.stream()
                .allMatch(id -> tickets.request(id).state == RequestState.COMPLETED));
        assertThat(tickets.targets(ticket).get(0).state).isEqualTo(TargetState.AWAITING_DIXA);

        tickets.change(ticket, target -> {
            target.acceptedAt = Instant.now().minus(Duration.ofHours(49));
            target.nextAttemptAt = Instant.now();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.request(ticket).state == RequestState.FAILED);
        ErasureTarget stuck = tickets.targets(ticket).get(0);
        assertThat(stuck.lastError).startsWith("stuck: Dixa has not processed request " + stuck.dixaRequestId);
        assertThat(stuck.failedStep).isEqualTo(TargetState.AWAITING_DIXA);

        simulator.neverProcess(Long.toString(never), false);
        control.retry(ticket, "dpo");

        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.request(ticket).state == RequestState.COMPLETED);
        assertThat(simulator.anonymizationRequests()).filteredOn(r -> r.targetEntityId().equals(Long.toString(never)))
                .as("the retry asked Dixa again, with a new timeout").hasSize(2);
        assertThat(tickets.targets(ticket).get(0).dixaRequestId).isNotEqualTo(stuck.dixaRequestId);
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("TICKET_FAILED", "TICKET_RETRIED",
                "TICKET_COMPLETED");
    }

    @Test
    void anotherReplicaFinishesATargetOnlyOnceTheDeadReplicasLeaseHasRunOut() {
        simulator.disableRateLimit();
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> {
            ErasureTarget target = ErasureTarget.conversation(request, conversation, 0, Instant.now());
            target.leaseOwner = "replica-that-died";
            target.leaseUntil = Instant.now().plusSeconds(3);
            return List.of(target);
        });

        await().during(Duration.ofMillis(2000)).atMost(Duration.ofMillis(2600))
                .until(() -> tickets.targets(ticket).get(0).state == TargetState.PENDING);
        assertThat(simulator.anonymizationRequests()).isEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.request(ticket).state == RequestState.COMPLETED);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
        assertThat(tickets.targets(ticket).get(0).leaseOwner).isNull();
    }
}
