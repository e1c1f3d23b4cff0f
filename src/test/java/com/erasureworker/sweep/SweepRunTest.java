package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static com.erasureworker.sweep.SweepFixtures.closedDaysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.audit.AuditEvent;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sweep runs end to end against the simulator, through the API: dry runs, real runs, limits and skips. */
@QuarkusTest
class SweepRunTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ManualPipeline pipeline;

    private UUID customer;
    private List<Long> old;
    private List<Long> oldChat;
    private List<Long> notYet;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser("old.customer@example.com", "+4520000099");
        fixtures.skipUsedConversationIds(simulator, customer);
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", SweepFixtures.NEVER));
        old = closedDaysAgo(simulator, customer, 3, 40, "Email");
        oldChat = closedDaysAgo(simulator, customer, 1, 400, "WidgetChat");
        notYet = new ArrayList<>(closedDaysAgo(simulator, customer, 2, 10, "Email"));
        // Open and pending conversations created long ago are never swept, however old.
        notYet.add(simulator.addConversation(customer, ConversationState.Open, "Email", daysAgo(90)));
        notYet.add(simulator.addConversation(customer, ConversationState.Pending, "Email", daysAgo(90)));
        simulator.clearCalls();
    }

    @AfterEach
    void stop() {
        fixtures.cleanUp();
    }

    @Test
    void aDryRunListsExactlyTheConversationsClosedBeforeTheCutoffAndErasesNothing() {
        String location = as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
        JsonPath run = settleRun(pipeline, location, "COMPLETED");

        List<Long> expected = Stream.concat(old.stream(), oldChat.stream()).sorted().toList();
        assertThat(run.getBoolean("dryRun")).isTrue();
        assertThat(run.getInt("found")).isEqualTo(4);
        assertThat(run.getInt("toErase")).isEqualTo(4);
        assertThat(run.getString("ticketId")).isNull();
        assertThat(as("auditor").get(location + "/conversations").then().statusCode(200).extract().jsonPath()
                .getList("conversationIds", Long.class)).containsExactlyElementsOf(expected);
        assertThat(as("auditor").queryParam("size", 2).queryParam("page", 1).get(location + "/conversations").then()
                .extract().jsonPath().getList("conversationIds", Long.class)).containsExactlyElementsOf(expected.subList(2, 4));
        String csv = as("auditor").accept("text/csv").get(location + "/conversations").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().toList()).containsExactlyElementsOf(Stream.concat(Stream.of("conversationId"),
                expected.stream().map(String::valueOf)).toList());
        // One content negotiation everywhere: a wildcard Accept (what browsers and curl send) means JSON.
        as("auditor").accept("*/*").get(location + "/conversations").then().statusCode(200)
                .contentType("application/json");

        // Other tests' tickets may still be worked meanwhile: only this test's conversations matter.
        List<Long> mine = Stream.of(old, oldChat, notYet).flatMap(List::stream).toList();
        assertThat(simulator.calls()).extracting(SimCall::path).noneMatch(path -> path.endsWith("/anonymize")
                && mine.stream().anyMatch(id -> path.contains("/" + id + "/")));
        assertThat(Stream.concat(old.stream(), notYet.stream()))
                .allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNull());
        assertThat(fixtures.events("SWEEP_FINISHED")).last().satisfies(event ->
                assertThat(event.detail).containsEntry("sweepId", run.getString("id")).containsEntry("toErase", 4));
    }

    @Test
    void theChannelFilterAndTheRunLimitNarrowWhatARunTakes() {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30, "channels", List.of("chat")));
        String chatOnly = trigger(true);
        settleRun(pipeline, chatOnly, "COMPLETED");
        assertThat(as("dpo").get(chatOnly + "/conversations").then().extract().jsonPath()
                .getList("conversationIds", Long.class)).containsExactlyElementsOf(oldChat);

        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30, "maxConversationsPerRun", 2));
        JsonPath limited = settleRun(pipeline, trigger(true), "COMPLETED");
        assertThat(limited.getInt("toErase")).isEqualTo(2);
        assertThat(limited.getInt("skipped")).isEqualTo(2);
        assertThat(limited.getBoolean("limitReached")).isTrue();
    }

    @Test
    void aRealRunErasesExactlyThoseThroughOneSweepTicketAndTheNextRunSkipsThem() {
        String location = trigger(false);
        JsonPath run = settleRun(pipeline, location, "COMPLETED");

        List<Long> expected = Stream.concat(old.stream(), oldChat.stream()).sorted().toList();
        assertThat(run.getString("ticketRef")).matches("sweep-\\d{4}-\\d{2}-\\d{2}-" + run.getString("id").substring(0, 8));
        assertThat(run.getInt("enqueued")).isEqualTo(4);
        assertThat(run.getLong("completed")).isEqualTo(4);
        assertThat(run.getLong("failed")).isZero();
        assertThat(run.getString("finishedAt")).isNotNull();
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith("/anonymize"))
                .extracting(call -> Long.parseLong(call.path().split("/")[3])).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNotNull());
        assertThat(notYet).allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNull());

        JsonPath ticket = as("auditor").get("/api/v1/erasure-requests/" + run.getString("ticketId")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(ticket.getString("source")).isEqualTo("SWEEP");
        assertThat(ticket.getString("state")).isEqualTo("COMPLETED");
        assertThat(fixtures.priorities(UUID.fromString(run.getString("ticketId")))).as("after DPO tickets").containsOnly(1);
        List<String> history = as("auditor").get("/api/v1/erasure-requests/" + run.getString("ticketId") + "/history")
                .then().extract().jsonPath().getList("type", String.class);
        assertThat(history).contains("TICKET_RECEIVED", "SWEEP_FINISHED", "DIXA_CALL", "TICKET_COMPLETED");
        assertThat(fixtures.events("SWEEP_STARTED")).extracting((AuditEvent event) -> event.detail.get("sweepId"))
                .contains(run.getString("id"));

        // The next run searches only from the first one's cutoff (the policy's watermark): nothing new is closed.
        JsonPath next = settleRun(pipeline, trigger(false), "COMPLETED");
        assertThat(next.getInt("found")).isZero();
        assertThat(Instant.parse(next.getString("sweptFrom")))
                .isEqualTo(Instant.parse(run.getString("cutoff")).minus(Duration.ofHours(1)));
        assertThat(next.getString("ticketId")).isNull();

        // Walking the whole history again (no watermark) finds them, already erased: skipped, not erased twice.
        fixtures.cleanUp();
        JsonPath again = settleRun(pipeline, trigger(false), "COMPLETED");
        assertThat(again.getInt("found")).isEqualTo(4);
        assertThat(again.getInt("skipped")).as("already erased by the first run").isEqualTo(4);
        assertThat(again.getString("ticketId")).isNull();
    }

    private static String trigger(boolean dryRun) {
        return as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", dryRun)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
    }

    /**
     * Works the sweep run by hand until it is in {@code state}: a pass of the sweep job (enumeration, then the ticket
     * of a real run), then that ticket run to its end; bounded by passes, not by time.
     */
    static JsonPath settleRun(ManualPipeline pipeline, String location, String state) {
        for (int pass = 0; pass < 20; pass++) {
            pipeline.runSweeps();
            JsonPath run = as("auditor").get(location).then().statusCode(200).extract().jsonPath();
            if (state.equals(run.getString("state"))) {
                return run;
            }
            if (run.getString("ticketId") != null) {
                pipeline.runUntilSettled(UUID.fromString(run.getString("ticketId")));
            }
        }
        throw new AssertionError("sweep run " + location + " not " + state + " after 20 passes");
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }
}
