package com.erasureworker.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.erasureworker.pipeline.ScheduledJobs;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimulatorModes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
 * The contract self-check against a simulator that answers like a wrong URL/version, a token without anonymization
 * rights, Dixa's documented 404 for "no match" and its 400 "Duplicate email address": what the operator sees, what
 * intake answers, and that the pipeline starts nothing before the check is green.
 */
@QuarkusTest
class DixaContractTest {

    private static final String TICKETS = "/api/v1/erasure-requests";

    @Inject
    DixaSimulator simulator;

    @Inject
    DixaContract contract;

    @Inject
    ScheduledJobs jobs;

    @BeforeEach
    void greenDixa() {
        simulator.reset();
        simulator.disableRateLimit();
        assertThat(contract.recheck().passed()).isTrue();
    }

    @AfterEach
    void restore() {
        jobs.stop();
        simulator.reset();
        contract.recheck();
    }

    @Test
    void showsEachCheckWithItsTimeAndAnswerToAuditorsAndAdmins() {
        as("auditor").get("/api/v1/dixa/contract").then().statusCode(200)
                .body("passed", equalTo(true))
                .body("checks.findAll { it.name != 'canary' }.name", equalTo(List.of("route", "token", "anonymization-status")))
                .body("checks.findAll { it.name != 'canary' }.status", equalTo(List.of(200, 200, 404)))
                .body("checks[0].request", equalTo("GET /v1/agents?pageLimit=1"))
                .body("checks[0].checkedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aWrongApiVersionTurnsTheCheckRedAndEmailIntakeAnswers503InsteadOfNoDataFound() {
        simulator.modes().unknownVersions("v1").noMatchLookup(SimulatorModes.NoMatchLookup.NOT_FOUND);
        as("admin").contentType(ContentType.JSON).post("/api/v1/dixa/contract/check").then().statusCode(200)
                .body("passed", equalTo(false))
                .body("checks.find { it.name == 'route' }.status", equalTo(404))
                .body("checks.find { it.name == 'route' }.meaning", containsString("DIXA_API_VERSION"));
        String ticketRef = "CONTRACT-" + UUID.randomUUID();

        as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", ticketRef, "subject", Map.of("email", "nobody.here@example.com")))
                .post(TICKETS).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", containsString("dixa-contract-unverified"))
                .body("detail", containsString("route"));

        as("auditor").queryParam("ticketRef", ticketRef).get(TICKETS).then().statusCode(200).body("total", equalTo(0));
        assertThat(simulator.calls()).noneMatch(call -> call.path().contains("/endusers"));
    }

    @Test
    void thePipelineStartsNoNewTargetUntilTheCheckIsGreen() {
        long conversation = closedConversation();
        simulator.modes().unknownVersions("v1");
        assertThat(contract.recheck().passed()).isFalse();
        String id = submitConversation(conversation);
        jobs.startPipeline();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> targetState(id).equals("PENDING"));
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/anonymize"));

        simulator.modes().unknownVersions();
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketState(id).equals("COMPLETED"));
    }

    @Test
    void aTokenRefusedForAnonymizationStatusIsReportedBeforeAnyTargetFails() {
        long conversation = closedConversation();
        simulator.modes().refuseAnonymizationStatus(true);

        ContractVerdict verdict = contract.recheck();
        String id = submitConversation(conversation);
        jobs.startPipeline();

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.checks()).filteredOn(check -> check.name().equals("anonymization-status"))
                .singleElement().satisfies(check -> {
                    assertThat(check.status()).isEqualTo(401);
                    assertThat(check.meaning()).contains("may not read anonymization status");
                });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> targetState(id).equals("PENDING"));
        given().get("/q/health/group/dixa").then().statusCode(503)
                .body("checks[0].data.reason", containsString("anonymization-status"));
    }

    @Test
    void dixasDocumented404ForNoMatchCountsAsNoMatchWhileTheCheckIsGreen() {
        simulator.modes().noMatchLookup(SimulatorModes.NoMatchLookup.NOT_FOUND);

        as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "CONTRACT-" + UUID.randomUUID(), "subject", Map.of("email", "no.one@example.com")))
                .post(TICKETS).then().statusCode(202)
                .body("state", equalTo("COMPLETED"))
                .body("outcome", equalTo("NO_DATA_FOUND"));
    }

    @Test
    void aDuplicateAtDixaIsAnsweredAsAnAmbiguousSubjectAndNothingIsRecorded() {
        simulator.addEndUser("twice@example.com", null);
        simulator.addEndUser("twice@example.com", null);
        simulator.modes().duplicateLookupIsBadRequest(true);
        String ticketRef = "CONTRACT-" + UUID.randomUUID();

        as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", ticketRef, "subject", Map.of("email", "twice@example.com")))
                .post(TICKETS).then().statusCode(422)
                .body("type", containsString("subject-ambiguous"))
                .body("errors.field", hasItem("subject.email"))
                .body("detail", org.hamcrest.Matchers.not(containsString("twice@example.com")));

        as("auditor").queryParam("ticketRef", ticketRef).get(TICKETS).then().body("total", equalTo(0));
    }

    private long closedConversation() {
        UUID customer = simulator.addEndUser(null, null);
        return simulator.addConversation(customer, com.erasureworker.simulator.ConversationState.Closed, "Email",
                java.time.Instant.now());
    }

    private String submitConversation(long conversation) {
        return as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "CONTRACT-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", List.of(conversation))))
                .post(TICKETS).then().statusCode(202).extract().path("id");
    }

    private String targetState(String id) {
        return as("auditor").get(TICKETS + "/" + id).then().extract().path("targets[0].state");
    }

    private String ticketState(String id) {
        return as("auditor").get(TICKETS + "/" + id).then().extract().path("state");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
