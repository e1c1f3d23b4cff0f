package com.erasureworker.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimAnonymizationRequest;
import com.erasureworker.simulator.SimCall;
import com.erasureworker.simulator.SimulatorModes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dixa's anonymize calls have no idempotency key: an answer that was lost (a 5xx, a read timeout) may hide an accepted
 * request, and a 409 for a closed conversation likely means one is queued. Neither is asked again blindly: the worker
 * reads first and waits (issue 20, "no blind repeats"). Time is the settable clock's; the pipeline runs by hand.
 */
@QuarkusTest
class NoBlindRepeatsTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    private UUID customer;

    /** Each test its own conversation ids: a target of an earlier test for the same id would change what happens. */
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong(100_000);

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        simulator.skipConversationIdsPast(IDS.addAndGet(10_000));
        customer = simulator.addEndUser(null, null);
    }

    @AfterEach
    void stop() {
        simulator.faults().clear();
    }

    @Test
    void anonymizeCallsThatDixaAppliesButAnswers500AreNotRepeated() {
        List<Long> conversations = closedConversations(20);
        simulator.faults().only("PATCH", "/anonymize").effectThenErrorRate(0.4);
        UUID ticket = conversationTicket(conversations);

        RequestState settled = pipeline.runUntilSettled(ticket, Duration.ofMinutes(20));
        assertThat(settled).as(() -> failures(ticket)).isEqualTo(RequestState.COMPLETED);

        assertThat(anonymizeCalls()).extracting(SimCall::status).contains(500);
        assertThat(requestsPerEntity()).as("accepted anonymize requests per conversation")
                .hasSize(20).allSatisfy((entity, count) -> assertThat(count).as(entity).isEqualTo(1L));
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("EARLIER_REQUEST_APPLIED");
        assertThat(tickets.targets(ticket)).allSatisfy(target -> {
            assertThat(target.verification).isEqualTo("VERIFIED");
            assertThat(target.unconfirmedUntil).isNull();
        });
    }

    @Test
    void anAnswerLostToAReadTimeoutIsFollowedByReadingNotByASecondRequest() {
        long conversation = closedConversations(1).get(0);
        Duration readTimeout = Duration.ofMillis(
                ConfigProvider.getConfig().getValue("dixa.read-timeout-ms", Long.class));
        simulator.faults().only("PATCH", "/anonymize").effectThenSlow(1.0, readTimeout.plusMillis(500));
        UUID ticket = conversationTicket(List.of(conversation));

        pipeline.runDueSteps();
        ErasureTarget waiting = tickets.targets(ticket).get(0);
        assertThat(waiting.state).isEqualTo(TargetState.PENDING);
        assertThat(waiting.unconfirmedUntil).isNotNull();
        assertThat(waiting.lastError).contains("timeout").contains("may have accepted it");
        // Dixa accepted the request; its late answer goes nowhere (awaited, so it is not counted in another test).
        await().atMost(Duration.ofSeconds(10)).until(() -> anonymizeCalls().size() == 1);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
        simulator.faults().clear();

        assertThat(pipeline.runUntilSettled(ticket, Duration.ofMinutes(20))).isEqualTo(RequestState.COMPLETED);
        assertThat(anonymizeCalls()).hasSize(1);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
        assertThat(tickets.targets(ticket).get(0).verification).isEqualTo("VERIFIED");
    }

    @Test
    void aPlain500IsAskedAgainOnlyAfterTheAnswerWait() {
        long conversation = closedConversations(1).get(0);
        simulator.faults().only("PATCH", "/anonymize").errorRate(1.0);
        UUID ticket = conversationTicket(List.of(conversation));
        pipeline.runDueSteps();
        simulator.faults().clear();

        // Within the wait the conversation is only read, however often the target comes due.
        for (int look = 0; look < 3; look++) {
            pipeline.advance(Duration.ofMinutes(4));
            pipeline.runDueSteps();
        }
        assertThat(anonymizeCalls()).extracting(SimCall::status).containsExactly(500);
        assertThat(simulator.calls()).filteredOn(call -> "GET".equals(call.method())
                && call.path().endsWith("/conversations/" + conversation)).isNotEmpty();

        pipeline.advance(Duration.ofMinutes(15));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(anonymizeCalls()).as(() -> simulator.calls().toString()).extracting(SimCall::status)
                .containsExactly(500, 202);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
    }

    @Test
    void a409ForAConversationDixaHasQueuedWaitsForTheQueueWithoutSpendingAttempts() {
        long conversation = closedConversations(1).get(0);
        // Someone asked before (a lost answer of an earlier run, say): Dixa holds that request for half an hour and
        // answers every further anonymize call with 409 "already requested".
        simulator.pauseAnonymizationQueue(true);
        given().basePath("/simulator/v1").header("Authorization", ConfigProvider.getConfig()
                .getValue("dixa.api-token", String.class)).patch("/conversations/{id}/anonymize", conversation)
                .then().statusCode(202);
        simulator.conflictOnAnonymize(conversation, 1000);
        awaitRecordedThenClearCalls();
        UUID ticket = conversationTicket(List.of(conversation));

        for (int minutes = 0; minutes < 30; minutes += 5) {
            pipeline.runDueSteps();
            pipeline.advance(Duration.ofMinutes(5));
        }
        ErasureTarget waiting = tickets.targets(ticket).get(0);
        assertThat(waiting.state).isEqualTo(TargetState.PENDING);
        assertThat(waiting.attempts).isZero();
        assertThat(waiting.lastError).contains("Dixa's queue");
        assertThat(anonymizeCalls()).extracting(SimCall::status).containsExactly(409);

        simulator.pauseAnonymizationQueue(false);
        assertThat(pipeline.runUntilSettled(ticket, Duration.ofMinutes(10))).isEqualTo(RequestState.COMPLETED);
        assertThat(anonymizeCalls()).hasSize(1);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/notes") || call.path().endsWith("/close"));
    }

    @Test
    void a404ForAConversationThatReadsAnonymizedIsVerifiedNotFailed() {
        long conversation = closedConversations(1).get(0);
        // Anonymized earlier by someone else; this tenant answers a repeated anonymize with 404.
        given().basePath("/simulator/v1").header("Authorization", ConfigProvider.getConfig()
                .getValue("dixa.api-token", String.class)).patch("/conversations/{id}/anonymize", conversation)
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            pipeline.dixaProcessesDue();
            return simulator.conversation(conversation).orElseThrow().anonymizedAt() != null;
        });
        simulator.modes().repeatedAnonymize(SimulatorModes.RepeatedAnonymize.NOT_FOUND);
        awaitRecordedThenClearCalls();
        UUID ticket = conversationTicket(List.of(conversation));

        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(anonymizeCalls()).as(() -> simulator.calls().toString()).extracting(SimCall::status)
                .containsExactly(404);
        assertThat(tickets.targets(ticket).get(0).verification).isEqualTo("VERIFIED");
        assertThat(tickets.history(ticket)).extracting(event -> event.type).contains("EARLIER_REQUEST_APPLIED");
    }

    /** The simulator logs a call when its answer has gone out, a moment after the client has it. */
    private void awaitRecordedThenClearCalls() {
        await().atMost(Duration.ofSeconds(10)).until(() -> anonymizeCalls().size() == 1);
        simulator.clearCalls();
    }

    private String failures(UUID ticket) {
        return tickets.targets(ticket).stream().filter(target -> target.lastError != null)
                .map(target -> target.state + " " + target.attempts + " " + target.lastError).toList().toString();
    }

    private List<Long> closedConversations(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
    }

    private UUID conversationTicket(List<Long> conversations) {
        return tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> conversations.stream()
                .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList());
    }

    private List<SimCall> anonymizeCalls() {
        return simulator.calls().stream()
                .filter(call -> "PATCH".equals(call.method()) && call.path().endsWith("/anonymize")).toList();
    }

    private Map<String, Long> requestsPerEntity() {
        return simulator.anonymizationRequests().stream()
                .collect(Collectors.groupingBy(SimAnonymizationRequest::targetEntityId, Collectors.counting()));
    }
}
