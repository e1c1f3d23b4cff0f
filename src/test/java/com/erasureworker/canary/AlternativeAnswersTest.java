package com.erasureworker.canary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.contract.DixaContract;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.SearchParameters;
import com.erasureworker.pipeline.ScheduledJobs;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import com.erasureworker.simulator.SimulatorModes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant that answers every open question the other way (a repeat is a 409, an anonymized conversation is a 404,
 * notes are scrubbed, system entries have non-uuid authors), with the worker configured for it: erasure still works,
 * and the canary's report shows each difference. Also claiming before force-closing, and the search's own version.
 */
@QuarkusTest
@TestProfile(AlternativeAnswersTest.TenantSettings.class)
class AlternativeAnswersTest {

    public static class TenantSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dixa.anonymized-conversation-read", "not-found",
                    "dixa.duplicate-anonymize", "conflict",
                    "dixa.claim-before-close", "true",
                    "dixa.search-api-version", "beta");
        }
    }

    @Inject
    DixaSimulator simulator;

    @Inject
    DixaContract contract;

    @Inject
    ScheduledJobs jobs;

    @Inject
    DixaClient dixa;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        simulator.modes().repeatedAnonymize(SimulatorModes.RepeatedAnonymize.CONFLICT)
                .anonymizedRead(SimulatorModes.AnonymizedRead.NOT_FOUND)
                .systemActivityAuthors(true)
                .scrubNotes(true);
        contract.recheck();
        jobs.startPipeline();
    }

    @AfterEach
    void stop() {
        jobs.stop();
    }

    @Test
    void theCanaryPassesAndItsReportShowsEveryAlternativeAnswer() {
        String id = as("admin").contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("PASSED", "FAILED")
                .contains(as("auditor").get("/api/v1/canary/runs/" + id).then().extract().path("state")));
        JsonPath run = as("auditor").get("/api/v1/canary/runs/" + id).then().extract().jsonPath();

        assertThat(run.getString("state")).as(run.getString("failure")).isEqualTo("PASSED");
        assertThat(status(run, "§9.1")).isEqualTo(409);
        assertThat(status(run, "§9.3")).isEqualTo(404);
        assertThat(run.getBoolean("report.scope.markerInNotes")).isFalse();
        assertThat(run.getBoolean("report.scope.markerInActivityLog")).isFalse();
        assertThat(run.getBoolean("report.scope.nonUuidActivityAuthors")).isTrue();
        assertThat(run.getList("report.advice")).isEmpty();
        as("auditor").get("/api/v1/erasure-requests/" + run.getString("ticketId")).then()
                .body("targets[0].verification", org.hamcrest.Matchers.equalTo("VERIFIED"));
    }

    @Test
    void anOpenConversationIsClaimedForTheAgentBeforeItIsForceClosed() {
        UUID customer = simulator.addEndUser(null, null);
        long open = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());

        String id = as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "CLAIM-" + UUID.randomUUID(),
                "subject", Map.of("conversationIds", List.of(open)), "closePolicy", "FORCE_NOW"))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                as("auditor").get("/api/v1/erasure-requests/" + id).then().extract().path("state")));

        List<String> puts = simulator.calls().stream().filter(call -> call.method().equals("PUT"))
                .map(SimCall::path).toList();
        assertThat(puts).containsExactly("/v1/conversations/" + open + "/claim", "/v1/conversations/" + open + "/close");
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith("/claim")).singleElement()
                .satisfies(call -> assertThat(call.body()).contains(simulator.configuredAgentId().toString())
                        .contains("\"force\":false"));
        List<String> paths = as("auditor").get("/api/v1/erasure-requests/" + id + "/history").then().extract()
                .path("findAll { it.type == 'DIXA_CALL' }.detail.path");
        assertThat(paths).contains("/conversations/{conversationId}/claim");
    }

    @Test
    void aConversationAlreadyAnonymizedIsVerifiedInsteadOfBeingTreatedAsOpen() {
        UUID customer = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        String first = submit(conversation, "WAIT_THEN_FORCE");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(state(first)));

        String second = submit(conversation, "WAIT_THEN_FORCE");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(state(second)));

        as("auditor").get("/api/v1/erasure-requests/" + second).then()
                .body("targets[0].state", org.hamcrest.Matchers.equalTo("DONE"))
                .body("targets[0].verification", org.hamcrest.Matchers.equalTo("VERIFIED"));
        assertThat(simulator.conversation(conversation).orElseThrow().notes()).isEmpty();
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/close") || call.path().endsWith("/notes"));
    }

    private static String submit(long conversation, String closePolicy) {
        return as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "REPEAT-" + UUID.randomUUID(),
                "subject", Map.of("conversationIds", List.of(conversation)), "closePolicy", closePolicy))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");
    }

    private static String state(String ticketId) {
        return as("auditor").get("/api/v1/erasure-requests/" + ticketId).then().extract().path("state");
    }

    @Test
    void theFilteredSearchUsesItsOwnApiVersion() {
        simulator.clearCalls();
        DixaOutcome<?> page = dixa.searchConversations(SearchParameters.closedBefore(Instant.now(), null), 10, null);
        dixa.getConversation(1);

        assertThat(page.isOk()).isTrue();
        // The simulator logs a call when its response has been written, which can be just after the client has it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(simulator.calls()).extracting(SimCall::path)
                .filteredOn(path -> path.contains("/search/") || path.endsWith("/conversations/1"))
                .containsExactly("/beta/search/conversations", "/v1/conversations/1"));
    }

    private static int status(JsonPath run, String question) {
        List<Map<String, Object>> answers = run.getList("report.answers");
        return answers.stream().filter(a -> ((String) a.get("question")).startsWith(question))
                .map(a -> ((Number) a.get("status")).intValue()).findFirst().orElseThrow();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
