package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import com.erasureworker.testing.SettableClock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sweeps against a search that pages by offset and refuses to go deeper than a cap (as a search index does): a long
 * history is walked in ClosedDate windows under the cap (the test profile's SWEEP_SEARCH_DEPTH is 1,000), the next
 * run asks only about the closes since the last one, a refused page size is halved, and a conversation reopened after
 * the search is left alone. The sweeps run by hand; the erasure pipeline only where a test says so.
 */
@QuarkusTest
class IncrementalSweepTest {

    private static final int DAYS = 30;

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SettableClock clock;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser(null, null);
        fixtures.skipUsedConversationIds(simulator, customer);
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", DAYS, "cron", SweepFixtures.NEVER,
                "dryRun", false));
    }

    @AfterEach
    void stop() {
        fixtures.cleanUp();
        clock.reset();
    }

    @Test
    void aHistoryDeeperThanTheSearchAllowsIsWalkedInWindowsAndEveryConversationFound() {
        simulator.modes().offsetSearch(1_000, 500);
        List<Long> history = closedOverYears(3_000, 3);
        simulator.clearCalls();

        JsonPath run = enumerate(true);

        assertThat(run.getInt("found")).isEqualTo(3_000);
        assertThat(run.getInt("toErase")).isEqualTo(3_000);
        assertThat(as("auditor").queryParam("page", 0).queryParam("size", 1000).get(SWEEPS + "/" + run.getString("id")
                + "/conversations").then().extract().jsonPath().getLong("total")).isEqualTo(3_000);
        List<SimCall> searches = searches();
        assertThat(searches).as("no search was refused for its depth").allMatch(call -> call.status() == 200);
        assertThat(searches.size()).as("search calls for 3,000 conversations at 100 a page")
                .isGreaterThanOrEqualTo(30).isLessThan(80);
        assertThat(history).hasSize(3_000);
    }

    @Test
    void theNextRunAsksOnlyAboutTheClosesSinceTheLastOne() {
        simulator.modes().offsetSearch(1_000, 500);
        closedOverYears(2_000, 2);
        JsonPath first = enumerate(false);
        assertThat(first.getInt("toErase")).isEqualTo(2_000);
        Instant firstCutoff = Instant.parse(first.getString("cutoff"));

        // A day later: 300 more conversations reached the retention limit (closed between the two cutoffs).
        clock.advance(Duration.ofDays(1));
        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fresh.add(simulator.addConversation(customer, ConversationState.Closed, "Email",
                    firstCutoff.plus(Duration.ofMinutes(2 + 4L * i))));
        }
        simulator.clearCalls();
        JsonPath second = enumerate(false);

        assertThat(second.getInt("toErase")).isEqualTo(300);
        assertThat(Instant.parse(second.getString("sweptFrom"))).isEqualTo(firstCutoff.minus(Duration.ofHours(1)));
        assertThat(searches()).as("search calls of the second run").hasSizeLessThanOrEqualTo(5);
        assertThat(as("auditor").queryParam("size", 1000).get(SWEEPS + "/" + second.getString("id") + "/conversations")
                .then().extract().jsonPath().getList("conversationIds", Long.class)).containsExactlyElementsOf(fresh);
    }

    @Test
    void aPageSizeTheSearchRefusesIsHalvedAndTheRunCarriesOn() {
        simulator.modes().offsetSearch(1_000, 50);
        closedOverYears(400, 1);
        simulator.clearCalls();

        JsonPath run = enumerate(true);

        assertThat(run.getInt("found")).isEqualTo(400);
        assertThat(run.getInt("pageSize")).isEqualTo(50);
        assertThat(searches()).filteredOn(call -> call.status() == 400).hasSize(1);
    }

    @Test
    void aSearchThatRefusesDepthBelowOursSplitsTheWindowAndStillFindsAll() {
        simulator.modes().offsetSearch(400, 500);
        closedOverYears(1_500, 2);

        JsonPath run = enumerate(true);

        assertThat(run.getInt("found")).isEqualTo(1_500);
        assertThat(run.getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    void aConversationReopenedAfterTheSearchIsLeftAloneAndListedOnTheRun() {
        // ClosedDate is the first close here: a conversation closed long ago, reopened and closed again yesterday is
        // still found by the search, and only the read before erasing shows it is not due.
        simulator.modes().closedDateIsFirstClose(true);
        Instant longAgo = Instant.now().minus(Duration.ofDays(DAYS + 10));
        long due = simulator.addConversation(customer, ConversationState.Closed, "Email", longAgo);
        long reopened = simulator.addConversation(customer, ConversationState.Closed, "Email", longAgo);
        long closedAgain = simulator.addConversation(customer, ConversationState.Closed, "Email", longAgo);
        simulator.setConversationState(closedAgain, ConversationState.Open);
        simulator.closeConversationAt(closedAgain, Instant.now().minus(Duration.ofDays(1)));

        String location = trigger(false);
        JsonPath run = untilState(location, "ERASING");
        simulator.setConversationState(reopened, ConversationState.Open);
        simulator.clearCalls();
        pipeline.runUntilSettled(UUID.fromString(run.getString("ticketId")));
        run = as("auditor").get(location).then().extract().jsonPath();

        assertThat(run.getString("state")).isEqualTo("COMPLETED");
        assertThat(run.getLong("completed")).isEqualTo(1);
        assertThat(run.getLong("reopened")).isEqualTo(2);
        assertThat(as("auditor").get(location + "/reopened").then().statusCode(200).extract().jsonPath()
                .getList("conversationIds", Long.class)).containsExactly(reopened, closedAgain);
        assertThat(simulator.conversation(due).orElseThrow().anonymizedAt()).isNotNull();
        assertThat(simulator.calls()).filteredOn(call -> !call.method().equals("GET"))
                .extracting(SimCall::path)
                .noneMatch(path -> path.contains("/" + reopened + "/") || path.contains("/" + closedAgain + "/"));
        assertThat(simulator.conversation(reopened).orElseThrow().state()).isEqualTo(ConversationState.Open);
        assertThat(simulator.conversation(closedAgain).orElseThrow().anonymizedAt()).isNull();

        // The sweep ticket's certificate lists what was erased, not what was left alone.
        pipeline.captureEvidence();
        JsonPath certificate = as("auditor").get("/api/v1/erasure-requests/" + run.getString("ticketId")
                + "/certificate").then().statusCode(200).extract().jsonPath();
        assertThat(certificate.getLong("entities.count")).isEqualTo(1);
        assertThat(certificate.getList("erased.dixaId", String.class)).containsExactly(String.valueOf(due));
    }

    /** {@code count} conversations closed evenly over {@code years} years before the cutoff. */
    private List<Long> closedOverYears(int count, int years) {
        Instant newest = Instant.now().minus(Duration.ofDays(DAYS + 1));
        long spacing = Duration.ofDays(365L * years).toSeconds() / count;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(simulator.addConversation(customer, ConversationState.Closed, "Email",
                    newest.minusSeconds(spacing * i)));
        }
        return ids;
    }

    /** A run enumerated to the end: a dry run completes, a real one has written and released its ticket's targets. */
    private JsonPath enumerate(boolean dryRun) {
        return untilState(trigger(dryRun), dryRun ? "COMPLETED" : "ERASING");
    }

    private JsonPath untilState(String location, String state) {
        for (int pass = 0; pass < 10; pass++) {
            pipeline.runSweeps();
            JsonPath run = as("auditor").get(location).then().statusCode(200).extract().jsonPath();
            if (state.equals(run.getString("state"))) {
                return run;
            }
        }
        throw new AssertionError("sweep run " + location + " not " + state + ": "
                + as("auditor").get(location).then().extract().asString());
    }

    private static String trigger(boolean dryRun) {
        return as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", dryRun)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
    }

    private List<SimCall> searches() {
        return simulator.calls().stream().filter(call -> call.path().endsWith("/search/conversations")).toList();
    }
}
