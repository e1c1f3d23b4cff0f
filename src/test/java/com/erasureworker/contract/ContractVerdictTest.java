package com.erasureworker.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.erasureworker.audit.OwnerConnection;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimulatorModes;
import com.erasureworker.testing.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
 * The contract verdict survives a hiccup: a transient answer (here a 503 on the probe's route, or 500s everywhere)
 * changes no check and stops nothing, a red verdict stays red until a definitive answer or its maximum age, replicas
 * share the verdict through the database, an admin can acknowledge a red verdict, and a "no match" lookup does not
 * ask the contract again while the route is confirmed. Run by hand ({@link ManualPipeline}, {@link SettableClock}).
 */
@QuarkusTest
class ContractVerdictTest {

    private static final String TICKETS = "/api/v1/erasure-requests";
    private static final String CONTRACT = "/api/v1/dixa/contract";

    @Inject
    DixaSimulator simulator;

    @Inject
    DixaContract contract;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SettableClock clock;

    @BeforeEach
    void greenDixa() {
        simulator.reset();
        simulator.disableRateLimit();
        assertThat(contract.recheck().state()).isEqualTo(ContractVerdict.State.GREEN);
    }

    @AfterEach
    void restore() {
        simulator.reset();
        clock.reset();
        contract.recheck();
    }

    @Test
    void a503OnTheProbeRouteLeavesIntakeAndClaimsWorking() {
        simulator.faults().unavailable("GET", "/agents");

        as("admin").contentType(ContentType.JSON).post(CONTRACT + "/check").then().statusCode(200)
                .body("state", equalTo("DEGRADED")).body("allowsWork", equalTo(true))
                .body("degraded", containsString("503"))
                .body("checks.find { it.name == 'route' }.status", equalTo(503))
                .body("checks.find { it.name == 'route' }.answered", equalTo(false))
                .body("checks.find { it.name == 'route' }.passed", equalTo(true))
                .body("checks.find { it.name == 'route' }.meaning", containsString("last definitive answer (HTTP 200"));
        simulator.addEndUser("still.working@example.com", null);
        String byEmail = as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "DEGRADED-" + UUID.randomUUID(), "subject",
                        Map.of("email", "still.working@example.com")))
                .post(TICKETS).then().statusCode(202).extract().path("id");
        String byConversation = submitConversation(closedConversation());

        assertThat(pipeline.runUntilSettled(UUID.fromString(byConversation))).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.runUntilSettled(UUID.fromString(byEmail))).isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.calls()).anyMatch(call -> call.path().endsWith("/agents") && call.status() == 503);
    }

    @Test
    void aTransientAnswerKeepsARedVerdictUntilItsMaximumAgeThenItShowsDegraded() {
        simulator.modes().refuseAnonymizationStatus(true);
        assertThat(contract.recheck().state()).isEqualTo(ContractVerdict.State.RED);
        simulator.modes().refuseAnonymizationStatus(false);
        simulator.faults().errorRate(1.0);

        ContractVerdict hiccup = contract.recheck();

        assertThat(hiccup.state()).isEqualTo(ContractVerdict.State.RED);
        assertThat(hiccup.allowsWork()).isFalse();
        assertThat(hiccup.degraded()).contains("TRANSIENT");
        assertThat(hiccup.checks()).filteredOn(c -> c.name().equals("anonymization-status")).singleElement()
                .satisfies(check -> {
                    assertThat(check.passed()).isFalse();
                    assertThat(check.answered()).isFalse();
                    assertThat(check.meaning()).contains("last definitive answer (HTTP 401");
                });

        pipeline.advance(Duration.ofHours(25));
        ContractVerdict aged = contract.recheck();
        assertThat(aged.state()).isEqualTo(ContractVerdict.State.DEGRADED);
        assertThat(aged.allowsWork()).isTrue();

        simulator.faults().clear();
        assertThat(contract.recheck().state()).isEqualTo(ContractVerdict.State.GREEN);
    }

    @Test
    void aVerdictAnotherReplicaStoredIsTheOneEveryReplicaAnswersWith() throws Exception {
        simulator.faults().errorRate(1.0); // this replica gets no definitive answer of its own
        OwnerConnection.execute("""
                update dixa_contract_verdict set checks = jsonb_set(checks, '{0}', (checks->0)
                    || '{"passed": false, "status": 404, "meaning": "404 on a route every tenant has"}'::jsonb)""");

        as("auditor").get(CONTRACT).then().body("state", equalTo("RED"))
                .body("checks.find { it.name == 'route' }.passed", equalTo(false))
                .body("checks.find { it.name == 'route' }.meaning", containsString("last definitive answer (HTTP 404"))
                .body("degraded", containsString("TRANSIENT"));
        as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "SHARED-" + UUID.randomUUID(), "subject", Map.of("email", "x@example.com")))
                .post(TICKETS).then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("route"));
    }

    @Test
    void anAdminAcknowledgesARedVerdictWithAReasonAndWorkContinuesUntilTheVerdictChanges() {
        as("admin").contentType(ContentType.JSON).body(Map.of("reason", "nothing is red"))
                .post(CONTRACT + "/acknowledge").then().statusCode(409).contentType("application/problem+json");
        simulator.modes().refuseAnonymizationStatus(true);
        assertThat(contract.recheck().allowsWork()).isFalse();
        String ticket = submitConversation(closedConversation());
        pipeline.runDueSteps();
        assertThat(simulator.anonymizationRequests()).isEmpty();

        as("dpo").contentType(ContentType.JSON).body(Map.of("reason", "status rights are being granted"))
                .post(CONTRACT + "/acknowledge").then().statusCode(403);
        as("admin").contentType(ContentType.JSON).body("{}").post(CONTRACT + "/acknowledge").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        as("admin").contentType(ContentType.JSON).body(Map.of("reason", "status rights are being granted"))
                .post(CONTRACT + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("RED")).body("allowsWork", equalTo(true))
                .body("acknowledgement.by", equalTo("admin"));
        pipeline.runDueSteps();

        assertThat(simulator.anonymizationRequests()).hasSize(1);
        as("auditor").get(TICKETS + "/" + ticket).then().body("targets[0].state", org.hamcrest.Matchers.not("PENDING"));
        List<Map<String, Object>> acknowledged = as("auditor")
                .get("/api/v1/audit-events?type=DIXA_CONTRACT_ACKNOWLEDGED&size=500").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(acknowledged).last().satisfies(event -> {
            assertThat(event.get("actor")).isEqualTo("admin");
            assertThat(event.toString()).contains("reasonHash").doesNotContain("being granted");
        });
        simulator.modes().refuseAnonymizationStatus(false);
        simulator.modes().unknownVersions("v1");
        assertThat(contract.recheck().allowsWork()).as("a new red needs a new acknowledgement").isFalse();
        simulator.modes().unknownVersions();
        as("admin").contentType(ContentType.JSON).post(CONTRACT + "/check").then()
                .body("state", equalTo("GREEN")).body("acknowledgement", nullValue());
    }

    @Test
    void noMatchLookupsDoNotAskTheContractAgainWhileDixaConfirmedTheRoute() {
        simulator.modes().noMatchLookup(SimulatorModes.NoMatchLookup.NOT_FOUND);
        long probesBefore = probes();

        for (int i = 0; i < 3; i++) {
            as("dpo").contentType(ContentType.JSON)
                    .body(Map.of("ticketRef", "NO-MATCH-" + UUID.randomUUID(), "subject",
                            Map.of("email", "no.one." + i + "@example.com")))
                    .post(TICKETS).then().statusCode(202).body("outcome", equalTo("NO_DATA_FOUND"));
        }

        assertThat(probes()).isEqualTo(probesBefore);
    }

    private long probes() {
        return simulator.calls().stream().filter(call -> call.path().endsWith("/agents")).count();
    }

    private long closedConversation() {
        UUID customer = simulator.addEndUser(null, null);
        return simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
    }

    private String submitConversation(long conversation) {
        return as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "VERDICT-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", List.of(conversation))))
                .post(TICKETS).then().statusCode(202).extract().path("id");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
