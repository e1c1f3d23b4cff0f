package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.pipeline.ScheduledJobs;
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

/** While Dixa fails, evidence capture backs off instead of spending a failing call on every scheduler tick. */
@QuarkusTest
class EvidenceCaptureBackoffTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    ScheduledJobs jobs;

    @Inject
    EvidenceCollector collector;

    @AfterEach
    void stop() {
        jobs.stop();
        simulator.faults().clear();
    }

    @Test
    void afterAFailedCaptureTheNextRunLeavesDixaAloneForAWhile() {
        simulator.reset();
        simulator.disableRateLimit();
        jobs.startPipeline();
        long conversation = simulator.addConversation(simulator.addEndUser(null, null), ConversationState.Closed,
                "Email", Instant.now());
        String id = given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "BACKOFF-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", List.of(conversation))))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(given().auth().preemptive()
                .basic("auditor", "auditor-demo-password").get("/api/v1/erasure-requests/" + id).path("state")));

        simulator.faults().errorRate(1.0);
        jobs.startEvidence();
        await().atMost(Duration.ofSeconds(30)).until(collector::paused);
        assertThat(activityLogCalls()).isPositive();

        long before = activityLogCalls();
        int captured = collector.captureDue();

        assertThat(captured).isZero();
        assertThat(activityLogCalls()).as("no Dixa call while capture is paused after a failure").isEqualTo(before);
    }

    private long activityLogCalls() {
        return simulator.calls().stream().filter(call -> call.path().endsWith("/activitylog")).count();
    }
}
