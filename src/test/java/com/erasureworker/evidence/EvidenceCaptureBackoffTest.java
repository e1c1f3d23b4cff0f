package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While Dixa fails, evidence capture backs off instead of spending a failing call on every scheduler tick, and tries
 * again once the pause (2 to 4 s after a first failure) has passed on the application's clock. The test ends with a
 * successful read, which ends the pause: the collector is one bean for the whole test run.
 */
@QuarkusTest
class EvidenceCaptureBackoffTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @Inject
    EvidenceCollector collector;

    @AfterEach
    void stop() {
        simulator.faults().clear();
    }

    @Test
    void afterAFailedCaptureTheNextRunLeavesDixaAloneForAWhile() {
        simulator.reset();
        simulator.disableRateLimit();
        long conversation = simulator.addConversation(simulator.addEndUser(null, null), ConversationState.Closed,
                "Email", Instant.now());
        String id = given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "BACKOFF-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", List.of(conversation))))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");
        assertThat(pipeline.runUntilSettled(UUID.fromString(id))).isEqualTo(RequestState.COMPLETED);

        simulator.faults().errorRate(1.0);
        assertThat(pipeline.captureEvidence()).isZero();
        assertThat(collector.paused()).isTrue();
        assertThat(activityLogCalls()).isPositive();

        long before = activityLogCalls();
        int captured = collector.captureDue();

        assertThat(captured).isZero();
        assertThat(activityLogCalls()).as("no Dixa call while capture is paused after a failure").isEqualTo(before);

        simulator.faults().clear();
        pipeline.advance(Duration.ofSeconds(5));
        assertThat(collector.paused()).isFalse();
        assertThat(collector.captureDue()).as("read again once the pause has passed, and captured").isEqualTo(1);
        assertThat(activityLogCalls()).isGreaterThan(before);
    }
    private long activityLogCalls() {
        return simulator.calls().stream().filter(call -> call.path().endsWith("/activitylog")).count();
    }
}
