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

/**
 * An e-mail or phone hold holds the person, not only tickets naming the same address: it is resolved to Dixa end users
 * when placed, and their conversations stay ON_HOLD in a retention sweep and in an end-user ticket.
 */
@QuarkusTest
class HoldByAddressTest {

    private static final String POLICY = "/api/v1/retention-policy";
    private static final String SWEEPS = "/api/v1/sweeps";

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @Inject
    UsedConversations usedConversations;

    @Inject
    HoldResolution resolution;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        usedConversations.skip(simulator);
    }

    @AfterEach
    void stop() {
        as("admin").body(Map.of("enabled", false, "closedMoreThanDays", 30)).put(POLICY).then().statusCode(200);
        Controls.releaseAllHolds();
    }

    @Test
    void anEmailHoldKeepsASweepAndAnEndUserTicketOffThatUsersConversations() {
        UUID held = simulator.addEndUser("kept.for.court@example.com", "+4520000717");
        UUID other = simulator.addEndUser("someone.else@example.com", "+4520000718");
        Instant longAgo = Instant.now().minus(Duration.ofDays(60));
        List<Long> heldConversations = List.of(
                simulator.addConversation(held, ConversationState.Closed, "Email", longAgo),
                simulator.addConversation(held, ConversationState.Closed, "Email", longAgo));
        long otherConversation = simulator.addConversation(other, ConversationState.Closed, "Email", longAgo);
        String hold = as("dpo").body(Map.of("subject", Map.of("email", "Kept.For.Court@example.com"),
                "reason", "litigation")).post(Controls.HOLDS).then().statusCode(201).extract().path("id");
        assertThat(Controls.events("LEGAL_HOLD_PLACED")).anySatisfy(event -> {
            assertThat(detail(event)).containsEntry("holdId", hold)
                    .containsEntry("resolvedEndUsers", List.of(held.toString()));
            assertThat(event.toString()).doesNotContainIgnoringCase("kept.for.court");
        });

        // A real retention sweep over everything closed 30 days ago.
        as("admin").body(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", "0 0 2 1 1 ? 2099",
                "dryRun", false)).put(POLICY).then().statusCode(200);
        as("admin").body(Map.of("dryRun", false)).post(SWEEPS).then().statusCode(202);
        String sweepTicket = sweepTicket();
        assertThat(pipeline.runUntilSettled(UUID.fromString(sweepTicket))).isEqualTo(RequestState.IN_PROGRESS);
        JsonPath sweep = Controls.ticket(sweepTicket);
        for (Long id : heldConversations) {
            assertThat(sweep.getString("targets.find { it.dixaId == '" + id + "' }.state")).isEqualTo("ON_HOLD");
        }
        assertThat(sweep.getString("targets.find { it.dixaId == '" + otherConversation + "' }.state"))
                .isEqualTo("DONE");

        // An end-user ticket for the held person, named by id: the hold named an address.
        String userTicket = Controls.submit("dpo", Map.of("endUserId", held.toString()), "NEVER");
        assertThat(pipeline.runUntilSettled(UUID.fromString(userTicket))).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(Controls.ticket(userTicket).getString("targets[0].state")).isEqualTo("ON_HOLD");
        assertThat(Controls.ticket(userTicket).getString("targets[0].holdId")).isEqualTo(hold);

        assertThat(simulator.calls().stream().filter(Controls::isAnonymize).filter(call ->
                call.path().contains(held.toString()) || heldConversations.stream()
                        .anyMatch(id -> call.path().contains("/conversations/" + id + "/")))).isEmpty();
        assertThat(heldConversations).allSatisfy(id ->
                assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNull());
        assertThat(simulator.conversation(otherConversation).orElseThrow().anonymizedAt()).isNotNull();
    }

    @Test
    void anAddressDixaDoesNotKnowIsRefusedAndNothingIsRecorded() {
        long before = as("auditor").get(Controls.HOLDS).then().statusCode(200).extract().jsonPath().getLong("total");
        as("dpo").body(Map.of("subject", Map.of("email", "nobody.here@example.com"), "reason", "r"))
                .post(Controls.HOLDS).then().statusCode(422).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("hold-unresolved"))
                .body("errors[0].field", is("subject.email"));
        as("dpo").body(Map.of("subject", Map.of("phone", "+4599999999"), "reason", "r"))
                .post(Controls.HOLDS).then().statusCode(422).body("errors[0].field", is("subject.phone"));
        assertThat(as("auditor").get(Controls.HOLDS).then().statusCode(200).extract().jsonPath().getLong("total"))
                .isEqualTo(before);
    }

    @Test
    void theDailyReResolutionAddsAnEndUserWhoGotTheHeldAddressLater() {
        UUID first = simulator.addEndUser("late.match@example.com", null);
        String hold = as("dpo").body(Map.of("subject", Map.of("email", "late.match@example.com"), "reason", "court"))
                .post(Controls.HOLDS).then().statusCode(201).extract().path("id");
        // A second profile with the same address, written differently, after the hold was placed.
        UUID later = simulator.addEndUser("Late.Match@Example.COM", null);
        long conversation2 = simulator.addConversation(later, ConversationState.Closed, "Email", Instant.now());
        assertThat(resolution.reresolve()).isEqualTo(1);
        assertThat(resolution.reresolve()).as("ids are added once").isZero();
        assertThat(Controls.events("LEGAL_HOLD_RESOLVED")).anySatisfy(event -> assertThat(detail(event))
                .containsEntry("holdId", hold).containsEntry("addedEndUsers", List.of(later.toString())));

        simulator.clearCalls();
        String after = Controls.submit("dpo", Map.of("conversationIds", List.of(conversation2)), "NEVER");
        assertThat(pipeline.runUntilSettled(UUID.fromString(after))).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(Controls.ticket(after).getString("targets[0].state")).isEqualTo("ON_HOLD");
        assertThat(simulator.calls()).noneMatch(Controls::isAnonymize);
        assertThat(first).isNotEqualTo(later);
    }

    private String sweepTicket() {
        for (int pass = 0; pass < 20; pass++) {
            pipeline.runSweeps();
            String ticket = as("auditor").get(SWEEPS).then().statusCode(200).extract().jsonPath()
                    .getString("items[0].ticketId");
            if (ticket != null) {
                return ticket;
            }
        }
        throw new AssertionError("the sweep made no ticket");
    }
}
