package com.erasureworker.canary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.erasureworker.contract.DixaContract;
import com.erasureworker.pipeline.ScheduledJobs;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimulatorModes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live canary against the simulator with the worker's default settings: it proves erasure end to end through a
 * CANARY ticket, answers every open question, shows where a tenant answers differently from the settings, and a
 * failed canary (here: an import with partialErrors) turns the contract self-check red until a canary passes again.
 * Outcomes driven by hand are in {@link CanaryOutcomesTest}.
 */
@QuarkusTest
class CanaryTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    DixaContract contract;

    @Inject
    ScheduledJobs jobs;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        contract.recheck();
        jobs.startPipeline();
    }

    @AfterEach
    void stop() {
        jobs.stop();
    }

    @Test
    void theCanaryErasesItsSyntheticConversationAndItsReportAnswersEveryQuestion() {
        JsonPath run = finished(startCanary());

        assertThat(run.getString("state")).isEqualTo("PASSED");
        assertThat(run.getBoolean("report.passed")).isTrue();
        assertThat(run.getList("report.answers.question", String.class)).hasSize(10)
                .anyMatch(q -> q.startsWith("§9.1")).anyMatch(q -> q.startsWith("§9.2"))
                .anyMatch(q -> q.startsWith("§9.4")).anyMatch(q -> q.startsWith("§9.6"));
        assertThat(answer(run, "§9.1").getInt("status")).isEqualTo(202);
        assertThat(answer(run, "§9.2").getInt("status")).isEqualTo(409);
        assertThat(answer(run, "§9.2").getString("message")).contains("is not closed");
        assertThat(answer(run, "§9.3").getInt("status")).isEqualTo(200);
        assertThat(answer(run, "§9.4").getInt("status")).isEqualTo(404);
        assertThat(run.getBoolean("report.scope.markerInMessages")).isFalse();
        assertThat(run.getBoolean("report.scope.markerInNotes")).isTrue();
        assertThat(run.getBoolean("report.scope.markerInActivityLog")).isTrue();
        assertThat(run.getBoolean("report.scope.markerInCustomAttributes")).isTrue();
        assertThat(run.getList("report.advice")).isEmpty();
        assertThat(run.getLong("report.timeline.totalMs")).isNotNull();
        assertThat(run.getString("report.timeline.processedAt")).isNotNull();
        assertThat(run.getString("report.timeline.verifiedAt")).isNotNull();

        String ticketId = run.getString("ticketId");
        as("auditor").get("/api/v1/erasure-requests/" + ticketId).then().statusCode(200)
                .body("source", equalTo("CANARY")).body("state", equalTo("COMPLETED"))
                .body("ticketRef", equalTo(run.getString("ticketRef")));
        List<String> history = as("auditor").get("/api/v1/erasure-requests/" + ticketId + "/history")
                .then().extract().path("type");
        assertThat(history).contains("TICKET_RECEIVED", "CANARY_STARTED", "DIXA_CALL", "TICKET_COMPLETED",
                "CANARY_FINISHED");
        // An end user of an earlier run that the reset simulator no longer knows is refused (400) and made anew.
        assertThat(simulator.calls()).filteredOn(call -> call.path().equals("/beta/conversations/import")
                && call.status() == 201).hasSize(2).allSatisfy(call -> assertThat(call.body()).contains("\"_type\":\"Text\""));
        assertThat(simulator.endUser(UUID.fromString(run.getString("endUserId"))).orElseThrow().email()).isNull();
        // The end-user path is asked last, on the canary's own end user: Dixa accepted it and processes it.
        assertThat(simulator.calls()).filteredOn(call -> call.path().equals("/v1/endusers/" + run.getString("endUserId")
                + "/anonymize")).singleElement().satisfies(call -> assertThat(call.status()).isEqualTo(202));
        assertThat(simulator.conversation(run.getLong("openConversationId")).orElseThrow().anonymizedAt()).isNotNull();
        assertThat(given().get("/q/metrics").asString()).containsPattern("canary_last_success_timestamp [1-9]")
                .contains("canary_processing_seconds_count");
        as("auditor").get("/api/v1/dixa/contract").then().body("passed", equalTo(true))
                .body("checks.find { it.name == 'canary' }.passed", equalTo(true));
    }

    @Test
    void aTenantThatAnswersOtherwiseShowsInTheReportWithTheSettingToChange() {
        simulator.modes().repeatedAnonymize(SimulatorModes.RepeatedAnonymize.CONFLICT);

        JsonPath run = finished(startCanary());

        assertThat(run.getString("state")).isEqualTo("PASSED");
        assertThat(answer(run, "§9.1").getInt("status")).isEqualTo(409);
        assertThat(answer(run, "§9.1").getString("message")).contains("already anonymized");
        assertThat(run.getList("report.advice", String.class)).singleElement().asString()
                .contains("DIXA_DUPLICATE_ANONYMIZE=conflict");
    }

    @Test
    void anAnonymizedConversationAnswering404FailsTheCanaryWithDefaultSettingsAndSaysWhatToSet() {
        simulator.modes().anonymizedRead(SimulatorModes.AnonymizedRead.NOT_FOUND);

        JsonPath run = finished(startCanary());

        assertThat(run.getString("state")).isEqualTo("FAILED");
        assertThat(run.getString("failure")).contains("FAILED");
        assertThat(answer(run, "§9.3").getInt("status")).isEqualTo(404);
        assertThat(run.getList("report.advice", String.class))
                .anyMatch(advice -> advice.contains("DIXA_ANONYMIZED_CONVERSATION_READ=not-found"));
        simulator.modes().anonymizedRead(SimulatorModes.AnonymizedRead.READABLE);
        assertThat(finished(startCanary()).getString("state")).isEqualTo("PASSED");
    }

    @Test
    void aFailedCanaryTurnsTheContractRedUntilACanaryPassesAgain() {
        simulator.modes().importPartialErrors(true);

        JsonPath failed = finished(startCanary());

        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("failure")).contains("partialErrors");
        as("auditor").get("/api/v1/dixa/contract").then().body("passed", equalTo(false)).body("state", equalTo("RED"))
                .body("checks.find { it.name == 'canary' }.meaning", containsString("the last canary failed"));
        as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "CANARY-RED-" + UUID.randomUUID(), "subject", Map.of("email", "x@example.com")))
                .post("/api/v1/erasure-requests").then().statusCode(503);

        simulator.modes().importPartialErrors(false);
        assertThat(finished(startCanary()).getString("state")).isEqualTo("PASSED");
        as("auditor").get("/api/v1/dixa/contract").then().body("passed", equalTo(true));
    }

    @Test
    void onlyAnAdminStartsACanaryAndOnlyOneRunsAtATime() {
        as("dpo").contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(403);
        as("auditor").contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(403);
        given().contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(401);
        jobs.stop();
        String first = startCanary();

        as("admin").contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(first));

        jobs.startPipeline();
        finished(first);
        as("auditor").get("/api/v1/canary/runs").then().statusCode(200)
                .body("items[0].id", equalTo(first)).body("items[0].report.answers.size()", equalTo(10));
    }

    private String startCanary() {
        return as("admin").contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(202)
                .header("Location", containsString("/api/v1/canary/runs/"))
                .body("state", equalTo("REQUESTED")).extract().path("id");
    }

    private static JsonPath finished(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("PASSED", "FAILED")
                .contains(as("auditor").get("/api/v1/canary/runs/" + id).then().extract().path("state")));
        return as("auditor").get("/api/v1/canary/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath answer(JsonPath run, String question) {
        List<Map<String, Object>> answers = run.getList("report.answers");
        Map<String, Object> found = answers.stream().filter(a -> ((String) a.get("question")).startsWith(question))
                .findFirst().orElseThrow();
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(found).toString());
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
