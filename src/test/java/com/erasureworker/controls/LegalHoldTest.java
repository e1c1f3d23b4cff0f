package com.erasureworker.controls;

import static com.erasureworker.controls.Controls.as;
import static com.erasureworker.controls.Controls.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legal holds against the simulator: a held subject's tickets are accepted and wait ON_HOLD until the release. */
@QuarkusTest
class LegalHoldTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @Inject
    UsedConversations usedConversations;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        usedConversations.skip(simulator);
    }

    @AfterEach
    void stop() {
        Controls.releaseAllHolds();
    }

    @Test
    void aHeldEndUsersTicketsWaitOnHoldWithoutAnyAnonymizeAndCompleteAfterTheRelease() {
        UUID customer = simulator.addEndUser("litigant@example.com", "+4520000515");
        List<Long> conversations = List.of(
                simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()),
                simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()));
        String hold = as("dpo").body(Map.of("subject", Map.of("endUserId", customer.toString()),
                "reason", "Litigation 2026-17")).post(Controls.HOLDS).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/legal-holds/")).extract().path("id");
        String userTicket = Controls.submit("dpo", Map.of("endUserId", customer.toString()), "NEVER");
        // A conversation of the held end user is held too, though the hold names only the user.
        String conversationTicket = Controls.submit("dpo", Map.of("conversationIds", List.of(conversations.get(0))),
                "NEVER");

        for (String ticket : List.of(userTicket, conversationTicket)) {
            assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.IN_PROGRESS);
            JsonPath view = Controls.ticket(ticket);
            assertThat(view.getString("targets[0].state")).isEqualTo("ON_HOLD");
            assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
            assertThat(view.getString("targets[0].holdId")).isEqualTo(hold);
        }
        assertThat(simulator.calls().stream().filter(Controls::isAnonymize)
                .filter(c -> c.path().contains(customer.toString()) || conversations.stream()
                        .anyMatch(id -> c.path().contains("/conversations/" + id + "/")))).isEmpty();
        as("auditor").get(Controls.HOLDS + "/" + hold).then().statusCode(200).body("active", is(true))
                .body("targetsOnHold", is(2)).body("endUserId", is(customer.toString()));

        as("dpo").body(Map.of("reason", "settled")).post(Controls.HOLDS + "/" + hold + "/release").then()
                .statusCode(403);
        as("admin").body(Map.of()).post(Controls.HOLDS + "/" + hold + "/release").then().statusCode(422);
        as("admin").body(Map.of("reason", "case settled")).post(Controls.HOLDS + "/" + hold + "/release").then()
                .statusCode(200).body("active", is(false)).body("releasedBy", is("admin"));
        as("admin").body(Map.of("reason", "again")).post(Controls.HOLDS + "/" + hold + "/release").then()
                .statusCode(409);

        for (String ticket : List.of(userTicket, conversationTicket)) {
            assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).as("released: due at once, not at the recheck")
                    .isEqualTo(RequestState.COMPLETED);
        }
        assertThat(conversations).allSatisfy(id ->
                assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNotNull());
        assertThat(Controls.history(userTicket)).anySatisfy(event -> {
            assertThat(event.get("type")).isEqualTo("LEGAL_HOLD_APPLIED");
            assertThat(event.get("actor")).isEqualTo("system");
            assertThat(event.get("detail")).isEqualTo(Map.of("holdId", hold));
        });
        assertThat(Controls.events("LEGAL_HOLD_PLACED")).anySatisfy(event -> {
            assertThat(event.get("actor")).isEqualTo("dpo");
            assertThat(detail(event)).containsEntry("holdId", hold);
        });
        assertThat(Controls.events("LEGAL_HOLD_RELEASED")).anySatisfy(event -> {
            assertThat(event.get("actor")).isEqualTo("admin");
            assertThat(detail(event)).containsEntry("holdId", hold);
        });
    }

    @Test
    void anEmailHoldIsKeptAsItsKeyedHashAndHoldsTicketsForTheSameAddress() {
        UUID held = simulator.addEndUser("held.by.mail@example.com", "+4520000616");
        String hold = as("dpo").body(Map.of("subject", Map.of("email", "Held.By.Mail@example.com"),
                "reason", "preserve for court", "endsAt", Instant.now().plus(Duration.ofDays(30)).toString()))
                .post(Controls.HOLDS).then().statusCode(201).extract().path("id");
        JsonPath view = as("auditor").get(Controls.HOLDS + "/" + hold).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("subjectHash")).hasSize(64);
        assertThat(view.prettify()).doesNotContainIgnoringCase("held.by.mail");

        String ticket = Controls.submit("dpo", Map.of("email", "held.by.mail@example.com"), "NEVER");
        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(Controls.ticket(ticket).getString("targets[0].state")).isEqualTo("ON_HOLD");
        assertThat(Controls.ticket(ticket).getString("targets[0].dixaId")).isEqualTo(held.toString());
        assertThat(simulator.calls().stream().filter(Controls::isAnonymize)
                .filter(c -> c.path().contains(held.toString()))).isEmpty();
    }

    @Test
    void badHoldsAreProblemsAndWriteNothing() {
        long before = as("auditor").get(Controls.HOLDS).then().statusCode(200).extract().jsonPath().getLong("total");
        as("dpo").body(Map.of("subject", Map.of("endUserId", "not-a-uuid"), "reason", "r")).post(Controls.HOLDS)
                .then().statusCode(422).contentType("application/problem+json");
        as("dpo").body(Map.of("subject", Map.of("conversationIds", List.of(5)), "reason", "r",
                "endsAt", "2001-01-01T00:00:00Z")).post(Controls.HOLDS).then().statusCode(422)
                .body("errors[0].field", is("endsAt"));
        as("dpo").body(Map.of("subject", Map.of("conversationIds", List.of(5)))).post(Controls.HOLDS).then()
                .statusCode(422).body("errors[0].field", is("reason"));
        as("auditor").body(Map.of("subject", Map.of("conversationIds", List.of(5)), "reason", "r"))
                .post(Controls.HOLDS).then().statusCode(403);
        as("auditor").get(Controls.HOLDS + "/" + UUID.randomUUID()).then().statusCode(404);
        assertThat(as("auditor").get(Controls.HOLDS).then().statusCode(200).extract().jsonPath().getLong("total"))
                .isEqualTo(before);
    }
}
