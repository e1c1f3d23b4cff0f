package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.POLICY;
import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.erasureworker.audit.AuditEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retention policy and sweep endpoints as users see them: roles, strict validation, audit of changes. */
@QuarkusTest
class RetentionPolicyApiTest {

    @Inject
    SweepFixtures fixtures;

    @AfterEach
    void switchOff() {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        fixtures.cleanUp();
    }

    @Test
    void everyApiRoleReadsThePolicyButOnlyAdminsChangeIt() {
        for (String user : List.of("admin", "dpo", "auditor")) {
            as(user).get(POLICY).then().statusCode(200).body("cron", notNullValue());
        }
        Map<String, Object> policy = Map.of("enabled", false, "closedMoreThanDays", 400);
        for (String user : List.of("dpo", "auditor")) {
            as(user).contentType(ContentType.JSON).body(policy).put(POLICY).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(policy).put(POLICY).then().statusCode(401);
        given().get(POLICY).then().statusCode(401);
    }

    @Test
    void aChangeIsStoredScheduledAndAuditedWithOldAndNewValues() {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("enabled", true);
        policy.put("closedMoreThanDays", 730);
        policy.put("channels", List.of("email", "chat"));
        policy.put("cron", "0 30 3 * * ?");
        policy.put("maxConversationsPerRun", 5000);
        policy.put("sweepRateShare", 0.3);
        policy.put("dryRun", false);

        as("admin").contentType(ContentType.JSON).body(policy).put(POLICY).then().statusCode(200)
                .body("closedMoreThanDays", org.hamcrest.Matchers.is(730))
                .body("channels", org.hamcrest.Matchers.contains("email", "chat"))
                .body("nextScheduledRun", notNullValue())
                .body("updatedBy", org.hamcrest.Matchers.is("admin"));
        as("auditor").get(POLICY).then().statusCode(200).body("cron", org.hamcrest.Matchers.is("0 30 3 * * ?"))
                .body("sweepRateShare", org.hamcrest.Matchers.is(0.3f)).body("dryRun", org.hamcrest.Matchers.is(false));

        AuditEvent change = fixtures.events("RETENTION_POLICY_CHANGED").stream().reduce((a, b) -> b).orElseThrow();
        assertThat(change.actor).isEqualTo("admin");
        assertThat(change.detail).containsKeys("old", "new");
        assertThat((Map<String, Object>) change.detail.get("old")).containsEntry("closedMoreThanDays", 30);
        assertThat((Map<String, Object>) change.detail.get("new")).containsEntry("closedMoreThanDays", 730)
                .containsEntry("cron", "0 30 3 * * ?");

        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 730));
        as("admin").get(POLICY).then().body("nextScheduledRun", nullValue()).body("dryRun", org.hamcrest.Matchers.is(true))
                .body("cron", org.hamcrest.Matchers.is(PolicyChange.DEFAULT_CRON));
    }

    @Test
    void theCronQueuesARunOnOneReplicaOnItsScheduleAndNoMoreOnceDisabled() {
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", "* * * * * ?"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> as("auditor").get(SWEEPS)
                .then().extract().jsonPath().getList("items.triggeredBy", String.class).contains("scheduler"));
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        List<String> runs = as("auditor").get(SWEEPS).then().extract().jsonPath().getList("items.triggeredBy", String.class);
        assertThat(runs.stream().filter("scheduler"::equals).count()).as("one active run at a time").isEqualTo(1);
        assertThat(as("auditor").get(SWEEPS).then().extract().jsonPath().getBoolean("items[0].dryRun"))
                .as("the policy's default").isTrue();
    }

    @Test
    void unacceptableValuesAnswer422NamingEachFieldAndChangeNothing() {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("enabled", true);
        bad.put("closedMoreThanDays", 0);
        bad.put("channels", List.of("Email"));
        bad.put("cron", "every night at two");
        bad.put("maxConversationsPerRun", 0);
        bad.put("sweepRateShare", 1.5);

        as("admin").contentType(ContentType.JSON).body(bad).put(POLICY).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("cron")).body("errors.field", hasItem("closedMoreThanDays"))
                .body("errors.field", hasItem("channels[0]")).body("errors.field", hasItem("maxConversationsPerRun"))
                .body("errors.field", hasItem("sweepRateShare"));
        as("admin").contentType(ContentType.JSON).body(Map.of("enabled", true, "closedMoreThanDays", 5,
                "sweepRateShare", 0)).put(POLICY).then().statusCode(422).body("errors.field", hasItem("sweepRateShare"));
        as("admin").contentType(ContentType.JSON).body(Map.of("closedMoreThanDays", 5)).put(POLICY).then()
                .statusCode(422).body("errors.field", hasItem("enabled"));
        as("admin").get(POLICY).then().body("closedMoreThanDays", org.hamcrest.Matchers.is(30))
                .body("enabled", org.hamcrest.Matchers.is(false));
    }

    @Test
    void unknownFieldsWrongTypesAndBrokenJsonAnswer400() {
        as("admin").contentType(ContentType.JSON).body(Map.of("enabled", true, "closedMoreThanDays", 5, "days", 3))
                .put(POLICY).then().statusCode(400).body("errors.field", hasItem("days"));
        as("admin").contentType(ContentType.JSON).body(Map.of("enabled", "yes", "closedMoreThanDays", "5"))
                .put(POLICY).then().statusCode(400).body("errors.field", hasItem("enabled"));
        as("admin").contentType(ContentType.JSON).body("{\"enabled\": true, \"enabled\": false}").put(POLICY).then()
                .statusCode(400);
        as("dpo").contentType(ContentType.JSON).body("{\"dryRun\": \"yes\"}").post(SWEEPS).then().statusCode(400)
                .body("errors.field", hasItem("dryRun"));
    }

    @Test
    void sweepEndpointsCheckRolesAndIds() {
        as("auditor").contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS).then().statusCode(401);
        as("auditor").get(SWEEPS).then().statusCode(200).body("page", org.hamcrest.Matchers.is(0));
        as("auditor").get(SWEEPS + "/not-a-uuid").then().statusCode(400).body("errors.field", hasItem("id"));
        as("auditor").get(SWEEPS + "/" + UUID.randomUUID()).then().statusCode(404);
        as("auditor").queryParam("size", 0).get(SWEEPS).then().statusCode(400).body("errors.field", hasItem("size"));
    }
}
