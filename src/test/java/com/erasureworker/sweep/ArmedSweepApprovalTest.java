package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four eyes on a scheduled sweep (APPROVAL_REQUIRED_FOR_SWEEPS=true): the admin who armed the retention policy counts
 * as the run's submitter ("armed by"), so they cannot approve the mass erasure alone; a second admin can.
 */
@QuarkusTest
@TestProfile(ArmedSweepApprovalTest.SweepApproval.class)
class ArmedSweepApprovalTest {

    public static class SweepApproval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("approval.required-for-sweeps", "true");
        }
    }

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SweepRuns runs;

    private List<Long> old;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        UUID customer = simulator.addEndUser(null, null);
        fixtures.skipUsedConversationIds(simulator, customer);
        old = SweepFixtures.closedDaysAgo(simulator, customer, 2, 40, "Email");
    }

    @AfterEach
    void stop() {
        fixtures.cleanUp();
    }

    @Test
    void theAdminWhoArmedThePolicyCannotApproveTheScheduledRunButASecondAdminCan() {
        // "admin" arms the policy: enabled, real runs; the cron's run is then queued by the scheduler.
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", SweepFixtures.NEVER,
                "dryRun", false));
        runs.scheduled();
        String ticket = awaitingTicket();

        as("admin").post("/api/v1/erasure-requests/" + ticket + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", is("armedBy"));
        as("admin").body(Map.of("reason", "mine")).post("/api/v1/erasure-requests/" + ticket + "/reject").then()
                .statusCode(403);
        pipeline.runDueSteps();
        assertThat(simulator.calls()).noneMatch(call -> call.path().endsWith("/anonymize"));

        as("admin2").post("/api/v1/erasure-requests/" + ticket + "/approve").then().statusCode(200)
                .body("state", is("IN_PROGRESS")).body("decidedBy", is("admin2"));
        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.COMPLETED);
        old.forEach(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNotNull());
    }

    @Test
    void everyAdminWhoChangedThePolicySinceTheLastApprovedRunCountsAsArmingIt() {
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", SweepFixtures.NEVER,
                "dryRun", false));
        as("admin2").body(Map.of("enabled", true, "closedMoreThanDays", 31, "cron", SweepFixtures.NEVER,
                "dryRun", false)).put(SweepFixtures.POLICY).then().statusCode(200);
        runs.scheduled();
        String ticket = awaitingTicket();

        as("admin").post("/api/v1/erasure-requests/" + ticket + "/approve").then().statusCode(403);
        as("admin2").post("/api/v1/erasure-requests/" + ticket + "/approve").then().statusCode(403);
        as("dpo").post("/api/v1/erasure-requests/" + ticket + "/approve").then().statusCode(200)
                .body("decidedBy", is("dpo"));
    }

    /** Works the queued run until its ticket exists; it waits for approval. */
    private String awaitingTicket() {
        for (int pass = 0; pass < 20; pass++) {
            pipeline.runSweeps();
            JsonPath run = as("auditor").get(SweepFixtures.SWEEPS).then().statusCode(200).extract().jsonPath();
            String ticket = run.getString("items[0].ticketId");
            if (ticket != null) {
                assertThat(run.getString("items[0].triggeredBy")).isEqualTo("scheduler");
                as("auditor").get("/api/v1/erasure-requests/" + ticket).then().body("state", is("AWAITING_APPROVAL"));
                return ticket;
            }
        }
        throw new AssertionError("the scheduled run made no ticket");
    }
}
