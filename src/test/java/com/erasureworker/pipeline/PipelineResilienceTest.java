package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures the worker must survive without losing or repeating work: faults, a stuck Dixa queue, a dead replica. The
 * pipeline runs by hand; time passes (a backoff, Dixa's 48 h processing timeout, a lease) by moving the clock.
 */
@QuarkusTest
class PipelineResilienceTest {

    /** Past the test profile's overdue threshold (3 s): an unprocessed head is then read on its own schedule. */
    private static final Duration HEAD_OVERDUE = Duration.ofSeconds(4);
    /** The longest wait {@link ManualPipeline#runUntilSettled(UUID, Duration)} moves the clock over for faults. */
    private static final Duration FAULT_WAITS = Duration.ofHours(1);

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @Inject
    TicketControl control;

    @Inject
    Clock clock;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        customer = simulator.addEndUser(null, null);
    }

    @AfterEach
    void stop() {
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

        // The clock moves over every backoff and wait the faults cause, up to the hour a lost answer may cost.
        assertThat(ticketIds).allSatisfy(id -> assertThat(pipeline.runUntilSettled(id, FAULT_WAITS))
                .as("ticket %s through the faults", id).isEqualTo(RequestState.COMPLETED));

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
        pipeline.runDueSteps();
        assertThat(tickets.targets(ticket).get(0).state).isEqualTo(TargetState.AWAITING_DIXA);

        List<UUID> others = IntStream.range(0, 3).mapToObj(i -> {
            long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
            return tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                    request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));
        }).toList();
        // Younger requests behind the unprocessed head still complete (the head is read on its own schedule once it is
        // far older than Dixa's recent processing time).
        pipeline.advance(HEAD_OVERDUE);
        assertThat(others).allSatisfy(id -> assertThat(pipeline.runUntilSettled(id)).isEqualTo(RequestState.COMPLETED));
        assertThat(tickets.targets(ticket).get(0).state).isEqualTo(TargetState.AWAITING_DIXA);

        pipeline.advance(Duration.ofHours(49));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.FAILED);
        ErasureTarget stuck = tickets.targets(ticket).get(0);
        assertThat(stuck.lastError).startsWith("stuck: Dixa has not processed request " + stuck.dixaRequestId);
        assertThat(stuck.failedStep).isEqualTo(TargetState.AWAITING_DIXA);

        simulator.neverProcess(Long.toString(never), false);
        control.retry(ticket, "dpo");

        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.anonymizationRequests()).filteredOn(r -> r.targetEntityId().equals(Long.toString(never)))
                .as("the retry asked Dixa again, with a new timeout").hasSize(2);
        assertThat(tickets.targets(ticket).get(0).dixaRequestId).isNotEqualTo(stuck.dixaRequestId);
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("TICKET_FAILED", "TICKET_RETRIED",
                "TICKET_COMPLETED");
    }

    @Test
    void anotherReplicaFinishesATargetOnlyOnceTheDeadReplicasLeaseHasRunOut() {
        simulator.disableRateLimit();
        Duration leaseLeft = Duration.ofSeconds(30);
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> {
            ErasureTarget target = ErasureTarget.conversation(request, conversation, 0, Instant.now());
            target.leaseOwner = "replica-that-died";
            target.leaseUntil = clock.instant().plus(leaseLeft);
            return List.of(target);
        });

        pipeline.runDueSteps();
        pipeline.advance(leaseLeft.minusSeconds(2));
        pipeline.runDueSteps();
        assertThat(tickets.targets(ticket).get(0).state).as("not taken while the lease holds")
                .isEqualTo(TargetState.PENDING);
        assertThat(simulator.anonymizationRequests()).isEmpty();

        pipeline.advance(Duration.ofSeconds(3));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
        assertThat(tickets.targets(ticket).get(0).leaseOwner).isNull();
    }
}
