package com.erasureworker.simulator;

import static com.erasureworker.simulator.SimulatorClient.v1;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimGateTest {
    @Inject
    DixaSimulator simulator;

    UUID customer;
    long conversation;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
        customer = simulator.addEndUser("dora@example.com", null);
        conversation = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
    }

    @Test
    void requestsWithoutTheRawTokenAreRefusedWith401() {
        given().basePath("/simulator/v1").get("/conversations/{id}", conversation).then().statusCode(401)
                .body("message", org.hamcrest.Matchers.notNullValue());
        given().basePath("/simulator/v1").header("Authorization", "wrong").get("/conversations/{id}", conversation)
                .then().statusCode(401);
        given().basePath("/simulator/v1").header("Authorization", "Bearer " + SimulatorClient.token())
                .get("/conversations/{id}", conversation).then().statusCode(401);
        v1().get("/conversations/{id}", conversation).then().statusCode(200);
    }

    @Test
    void aBurstOfTwentyCallsMeetsTheDefaultLimitOfFourBurstAndTenPerSecond() {
        long tooMany = 0;
        Instant start = Instant.now();
        for (int i = 0; i < 20; i++) {
            if (v1().get("/conversations/{id}", conversation).statusCode() == 429) {
                tooMany++;
            }
        }
        long elapsedMillis = Duration.between(start, Instant.now()).toMillis();
        // 4 from the burst plus 10 per second of elapsed time may pass; allow one token of timing slack.
        long mayPass = 4 + elapsedMillis / 100 + 1;
        assertThat(20 - tooMany).isBetween(4L, mayPass);
        assertThat(simulator.tooManyRequestsCount()).isEqualTo(tooMany);
    }

    @Test
    void a429CarriesDixasBodyAndRetryAfterOnlyWhenSwitchedOn() {
        simulator.setRateLimit(0.5, 1);
        v1().get("/conversations/{id}", conversation).then().statusCode(200);
        v1().get("/conversations/{id}", conversation).then().statusCode(429)
                .body("message", equalTo("Too Many Requests")).header("Retry-After", org.hamcrest.Matchers.nullValue());
        simulator.setRetryAfterOn429(Duration.ofSeconds(2));
        v1().get("/conversations/{id}", conversation).then().statusCode(429).header("Retry-After", "2");
        simulator.disableRateLimit();
        v1().get("/conversations/{id}", conversation).then().statusCode(200);
    }

    @Test
    void aServerErrorBeforeTheEffectLeavesTheConversationUntouched() {
        simulator.disableRateLimit();
        simulator.faults().failNext(FaultKind.SERVER_ERROR, 1);
        v1().put("/conversations/{id}/close", conversation).then().statusCode(500).body("message",
                org.hamcrest.Matchers.notNullValue());
        assertThat(simulator.conversation(conversation).orElseThrow().state()).isEqualTo(ConversationState.Open);
    }

    @Test
    void anEffectThenServerErrorClosesTheConversationButAnswers500() {
        simulator.disableRateLimit();
        simulator.faults().failNext(FaultKind.EFFECT_THEN_SERVER_ERROR, 1);
        v1().put("/conversations/{id}/close", conversation).then().statusCode(500);
        assertThat(simulator.conversation(conversation).orElseThrow().state()).isEqualTo(ConversationState.Closed);
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void aConnectionResetGivesTheClientAnIoErrorAndNoEffect() {
        simulator.disableRateLimit();
        simulator.faults().failNext(FaultKind.CONNECTION_RESET, 1);
        // PUT has a body, so the HTTP client does not silently retry it on a closed connection.
        assertThatThrownBy(() -> v1().body(Map.of()).put("/conversations/{id}/close", conversation))
                .isInstanceOf(IOException.class);
        assertThat(simulator.conversation(conversation).orElseThrow().state()).isEqualTo(ConversationState.Open);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> simulator.calls().stream().anyMatch(c -> c.status() == 0));
    }

    @Test
    void aSlowAnswerArrivesAfterTheConfiguredDelay() {
        simulator.disableRateLimit();
        simulator.faults().slow(0, Duration.ofMillis(300)).failNext(FaultKind.SLOW, 1);
        long took = v1().get("/conversations/{id}", conversation).then().statusCode(200).extract().time();
        assertThat(took).isGreaterThanOrEqualTo(300);
    }

    @Test
    void injectedTooManyRequestsAreCountedLikeRealOnes() {
        simulator.disableRateLimit();
        simulator.faults().failNext(FaultKind.TOO_MANY_REQUESTS, 2);
        v1().get("/conversations/{id}", conversation).then().statusCode(429);
        v1().get("/conversations/{id}", conversation).then().statusCode(429);
        v1().get("/conversations/{id}", conversation).then().statusCode(200);
        assertThat(simulator.tooManyRequestsCount()).isEqualTo(2);
    }

    @Test
    void seededErrorSharesFailTheSameCallsOnEveryRun() {
        simulator.disableRateLimit();
        List<Integer> first = statusesWithHalfFailing();
        simulator.faults().clear();
        List<Integer> second = statusesWithHalfFailing();
        assertThat(first).isEqualTo(second).contains(500).contains(200);
    }

    private List<Integer> statusesWithHalfFailing() {
        simulator.faults().seed(7).errorRate(0.5);
        return java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> v1().get("/conversations/{id}", conversation).statusCode()).toList();
    }

    @Test
    void theCallLogRecordsEveryRequestIncludingRejectedOnes() {
        simulator.disableRateLimit();
        given().basePath("/simulator/v1").header("Authorization", "wrong").get("/conversations/{id}", conversation);
        v1().queryParam("force", "true").patch("/conversations/{id}/anonymize", conversation).then().statusCode(202);
        v1().body(Map.of("message", "ticket ER-9")).post("/conversations/{id}/notes", conversation).then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> simulator.calls().size() == 3);
        List<SimCall> calls = simulator.calls();
        assertThat(calls).extracting(SimCall::method, SimCall::path, SimCall::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/v1/conversations/" + conversation, 401),
                org.assertj.core.groups.Tuple.tuple("PATCH", "/v1/conversations/" + conversation + "/anonymize", 202),
                org.assertj.core.groups.Tuple.tuple("POST", "/v1/conversations/" + conversation + "/notes", 200));
        assertThat(calls.get(0).authorization()).isEqualTo("wrong");
        assertThat(calls.get(1).query()).isEqualTo("force=true");
        assertThat(calls.get(1).authorization()).isEqualTo(SimulatorClient.token());
        assertThat(calls.get(2).body()).contains("ticket ER-9");
        assertThat(calls.get(0).body()).isNull();
        simulator.clearCalls();
        assertThat(simulator.calls()).isEmpty();
    }
}
