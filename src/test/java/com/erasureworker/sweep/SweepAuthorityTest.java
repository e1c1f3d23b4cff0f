package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static com.erasureworker.sweep.SweepFixtures.closedDaysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Irreversible work follows the admin's policy: a dpo cannot turn a disabled or dry-run policy into a real sweep. */
@QuarkusTest
class SweepAuthorityTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ManualPipeline pipeline;

    private java.util.List<Long> old;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        UUID customer = simulator.addEndUser("kept.customer@example.com", "+4520000077");
        fixtures.skipUsedConversationIds(simulator, customer);
        old = closedDaysAgo(simulator, customer, 3, 400, "Email");
        simulator.clearCalls();
    }

    @AfterEach
    void stop() {
        fixtures.cleanUp();
    }

    @Test
    void aDposRealSweepOnADisabledPolicyIsForbiddenAndNothingIsQueuedOrErased() {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        long runsBefore = runs();

        as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS).then().statusCode(403)
                .contentType("application/problem+json");
        pipeline.runSweeps();
        pipeline.runDueSteps();

        assertThat(runs()).isEqualTo(runsBefore);
        assertThat(simulator.calls()).noneMatch(this::anonymizesOne);
        assertThat(old).allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNull());
    }

    @Test
    void aDpoMayNotOverrideTheDryRunOfAnEnabledPolicyButMayRunWhatItAllows() {
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "dryRun", true,
                "cron", SweepFixtures.NEVER));
        long runsBefore = runs();

        as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS).then().statusCode(403);
        assertThat(runs()).isEqualTo(runsBefore);

        String dry = as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
        SweepRunTest.settleRun(pipeline, dry, "COMPLETED");
        assertThat(simulator.calls()).noneMatch(this::anonymizesOne);
    }

    @Test
    void evenAnAdminNeedsTheRetentionPolicyEnabledForARealSweep() {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        long runsBefore = runs();

        as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS).then().statusCode(409)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("enabled"));
        assertThat(runs()).isEqualTo(runsBefore);
    }

    /** Other tests' tickets may still be worked meanwhile: only this test's conversations matter. */
    private boolean anonymizesOne(com.erasureworker.simulator.SimCall call) {
        return call.path().endsWith("/anonymize") && old.stream().anyMatch(id -> call.path().contains("/" + id + "/"));
    }

    private static long runs() {
        return as("auditor").get(SWEEPS).then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
