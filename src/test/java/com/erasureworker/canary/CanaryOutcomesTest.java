package com.erasureworker.canary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.erasureworker.audit.OwnerConnection;
import com.erasureworker.contract.DixaContract;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.testing.SettableClock;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
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
 * The canary's outcomes, run by hand (the canary's steps, the pipeline and the clock): a refused set-up is
 * INCONCLUSIVE and stops nothing, an import with partialErrors FAILS it, a Dixa that does not process in time is slow
 * and INCONCLUSIVE, and a passing canary sends the documented {@code _type}, keeps its open conversation out of agent
 * queues and reuses one end user.
 */
@QuarkusTest
class CanaryOutcomesTest {

    private static final UUID CANARY_AGENT = UUID.fromString("00000000-0000-4000-8000-00000000a9e7");

    @Inject
    DixaSimulator simulator;

    @Inject
    DixaContract contract;

    @Inject
    CanaryRunner runner;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SettableClock clock;

    @Inject
    Scheduler scheduler;

    /** The canary's own job is paused: this class moves the run by hand. */
    @BeforeEach
    void greenDixa() {
        scheduler.pause(CanaryJobs.RUNS);
        simulator.reset();
        simulator.disableRateLimit();
        contract.recheck();
    }

    /** A FAILED run keeps the contract red for every later test: each test starts without runs. */
    @AfterEach
    void restore() throws Exception {
        simulator.reset();
        clock.reset();
        OwnerConnection.execute("delete from canary_run");
        scheduler.resume(CanaryJobs.RUNS);
    }

    @Test
    void aRefusedCanaryImportLeavesTheContractGreenAndATicketCompletes() {
        simulator.modes().refuseImport(true);

        JsonPath run = runCanary();

        assertThat(run.getString("state")).isEqualTo("INCONCLUSIVE");
        assertThat(run.getString("failure")).contains("import the closed conversation").contains("UNAUTHORIZED");
        assertThat(run.getString("report.outcome")).isEqualTo("INCONCLUSIVE");
        as("auditor").get("/api/v1/dixa/contract").then().body("state", equalTo("GREEN"))
                .body("allowsWork", equalTo(true));
        UUID customer = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        String ticket = as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "CANARY-REFUSED-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", List.of(conversation))))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");

        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket)))
                .as(() -> as("auditor").get("/api/v1/erasure-requests/" + ticket).asString())
                .isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.conversation(conversation).orElseThrow().anonymizedAt()).isNotNull();
    }

    @Test
    void theCanaryFailsOnPartialErrorsAndLeavesNoMarkedConversationBehind() {
        simulator.modes().importPartialErrors(true);

        JsonPath run = runCanary();

        assertThat(run.getString("state")).isEqualTo("FAILED");
        assertThat(run.getString("failure")).contains("partialErrors").contains("Invalid input for Message");
        long imported = run.getLong("conversationId");
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith(imported + "/anonymize"))
                .singleElement().satisfies(call -> assertThat(call.status()).isEqualTo(202));
        as("auditor").get("/api/v1/dixa/contract").then().body("state", equalTo("RED"))
                .body("allowsWork", equalTo(false));
    }

    @Test
    void aCanaryDixaDoesNotProcessInTimeIsSlowAndInconclusiveNotFailed() {
        String id = startCanary();
        runner.advance();
        assertThat(view(id).getString("state")).isEqualTo("ERASING");
        pipeline.runDueSteps();
        assertThat(simulator.anonymizationRequests()).hasSize(1);

        pipeline.advance(Duration.ofHours(25));
        runner.advance();

        JsonPath run = view(id);
        assertThat(run.getString("state")).isEqualTo("INCONCLUSIVE");
        assertThat(run.getBoolean("slow")).isTrue();
        assertThat(run.getString("failure")).startsWith("slow").contains("processedAt");
        as("auditor").get("/api/v1/dixa/contract").then().body("allowsWork", equalTo(true));
        // Dixa catches up: the canary's ticket ends, so no target is left on a conversation id the next test reuses.
        assertThat(pipeline.runUntilSettled(UUID.fromString(run.getString("ticketId")))).isEqualTo(RequestState.COMPLETED);
    }

    @Test
    void thePassingCanarySendsTheDocumentedTypeAssignsItsOpenConversationAndAnonymizesItsEndUser() {
        simulator.modes().importRequiresType(true);

        JsonPath first = runCanary();
        JsonPath second = runCanary();

        assertThat(List.of(first.getString("state"), second.getString("state"))).containsOnly("PASSED");
        // Each run ends by anonymizing its end user (the end-user path): the next run does not reuse it.
        assertThat(second.getString("endUserId")).isNotEqualTo(first.getString("endUserId"));
        assertThat(simulator.calls()).filteredOn(call -> call.method().equals("POST") && call.path().endsWith("/endusers"))
                .hasSize(2);
        assertThat(simulator.calls()).filteredOn(call -> call.path().equals("/v1/endusers/"
                + first.getString("endUserId") + "/anonymize")).singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(202));
        // Dixa processes it (its own queue, in real time).
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.endUser(UUID.fromString(
                first.getString("endUserId"))).orElseThrow().anonymizedAt() != null);
        assertThat(simulator.calls()).filteredOn(call -> call.path().equals("/beta/conversations/import"))
                .hasSize(4).allSatisfy(call -> assertThat(call.body()).contains("\"_type\":\"GenericConversationImport\""));
        assertThat(simulator.calls()).filteredOn(call -> call.path().equals("/beta/conversations/import")
                && call.body().contains("erasure-canary-open-")).hasSize(2).allSatisfy(call -> assertThat(call.body())
                .contains("\"assignment\":{\"agentId\":\"" + CANARY_AGENT + "\""));
        as("auditor").get("/api/v1/dixa/contract").then().body("state", equalTo("GREEN"));
    }

    /** One canary run by hand: set-up and ticket, the ticket run until it ends, then the read-back and report. */
    private JsonPath runCanary() {
        String id = startCanary();
        runner.advance();
        JsonPath run = view(id);
        if (run.getString("state").equals("ERASING")) {
            pipeline.runUntilSettled(UUID.fromString(run.getString("ticketId")));
            runner.advance();
        }
        return view(id);
    }

    private static String startCanary() {
        return as("admin").contentType(ContentType.JSON).post("/api/v1/canary").then().statusCode(202)
                .extract().path("id");
    }

    private static JsonPath view(String id) {
        return as("auditor").get("/api/v1/canary/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
