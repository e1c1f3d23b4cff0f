package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static com.erasureworker.sweep.SweepFixtures.closedDaysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A retention sweep never erases a conversation under a legal hold: it counts and lists it with the hold. */
@QuarkusTest
class SweepLegalHoldTest {

    private static final String HOLDS = "/api/v1/legal-holds";

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ManualPipeline pipeline;

    private String hold;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        // Other test classes (the console's) may leave a run behind: this test needs to start its own.
        fixtures.cleanUp();
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", SweepFixtures.NEVER));
    }

    @AfterEach
    void stop() {
        fixtures.cleanUp();
        if (hold != null) {
            as("admin").body(Map.of("reason", "test clean-up")).post(HOLDS + "/" + hold + "/release");
        }
    }

    @Test
    void aSweepSkipsHeldConversationsCountsThemAndListsThemWithTheHold() {
        UUID customer = simulator.addEndUser("retained@example.com", "+4520000717");
        fixtures.skipUsedConversationIds(simulator, customer);
        List<Long> old = closedDaysAgo(simulator, customer, 3, 40, "Email");
        long held = old.get(1);
        hold = as("dpo").body(Map.of("subject", Map.of("conversationIds", List.of(held)), "reason", "litigation"))
                .post(HOLDS).then().statusCode(201).extract().path("id");

        String location = as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
        JsonPath run = SweepRunTest.settleRun(pipeline, location, "COMPLETED");

        assertThat(run.getInt("found")).isEqualTo(3);
        assertThat(run.getInt("heldByLegalHold")).isEqualTo(1);
        assertThat(run.getInt("toErase")).isEqualTo(2);
        JsonPath listed = as("auditor").get(location + "/held").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getLong("items[0].conversationId")).isEqualTo(held);
        assertThat(listed.getString("items[0].holdId")).isEqualTo(hold);
        assertThat(listed.getLong("total")).isEqualTo(1);
        assertThat(simulator.conversation(held).orElseThrow().anonymizedAt()).isNull();
        assertThat(old).filteredOn(id -> id != held).allSatisfy(id ->
                assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNotNull());
        assertThat(simulator.calls()).noneMatch(call -> call.path().contains("/conversations/" + held + "/"));
    }
}
