package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.testing.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A retention history of {@code -Dbench.conversations=N} (default 50,000) closed conversations over three years, at
 * Dixa's real limits (10 requests/s, burst 4), against a search that pages by offset up to 10,000 hits and 500 a page
 * (as a search index does), with the production SWEEP_SEARCH_DEPTH (10,000) and page size (100). Prints, for the
 * first run (a walk of the whole history), for a run a day later with 500 new closes (incremental, from the
 * watermark), and for the same run without a watermark (what every run did before: a walk of the whole history):
 * search calls and wall time to the end of enqueueing. The erasure pipeline does not run.
 * Run: {@code ./mvnw test -Pbench -Dtest=IncrementalSweepBenchmark}.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(IncrementalSweepBenchmark.ProductionDepth.class)
class IncrementalSweepBenchmark {

    public static class ProductionDepth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sweep.search-depth", "10000");
        }
    }

    private static final int DAYS = 30;

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ManualPipeline pipeline;

    @Inject
    SettableClock clock;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void stop() {
        fixtures.cleanUp();
        clock.reset();
    }

    @Test
    void theNextRunAsksOnlyAboutTheNewCloses() {
        int conversations = Integer.getInteger("bench.conversations", 50_000);
        simulator.reset();
        simulator.modes().offsetSearch(10_000, 500);
        UUID customer = simulator.addEndUser(null, null);
        fixtures.skipUsedConversationIds(simulator, customer);
        Instant newest = Instant.now().minus(Duration.ofDays(DAYS + 1));
        long spacing = Duration.ofDays(3 * 365).toSeconds() / conversations;
        for (int i = 0; i < conversations; i++) {
            simulator.addConversation(customer, ConversationState.Closed, "Email", newest.minusSeconds(spacing * i));
        }
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", DAYS, "cron", SweepFixtures.NEVER,
                "dryRun", false, "maxConversationsPerRun", conversations + 1_000));

        Figures first = run();
        assertThat(first.toErase).isEqualTo(conversations);

        clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 500; i++) {
            simulator.addConversation(customer, ConversationState.Closed, "Email",
                    first.cutoff.plus(Duration.ofMinutes(2 + 2L * i)));
        }
        Figures incremental = run();
        assertThat(incremental.toErase).isEqualTo(500);

        forgetWatermark();
        Figures fullWalk = run();
        assertThat(fullWalk.found).isEqualTo(conversations + 500);

        System.out.printf("%nIncremental sweeps, %,d conversations over 3 years, search depth 10,000, page size %d:%n"
                + "  first run (whole history):       %4d search calls, %6.1f s, %,d found%n"
                + "  next day, 500 new closes:        %4d search calls, %6.1f s, %,d to erase%n"
                + "  same run without the watermark:  %4d search calls, %6.1f s, %,d found%n%n",
                conversations, first.pageSize, first.calls, first.seconds, first.found, incremental.calls,
                incremental.seconds, incremental.toErase, fullWalk.calls, fullWalk.seconds, fullWalk.found);
    }

    private record Figures(int calls, double seconds, int found, int toErase, int pageSize, Instant cutoff) {
    }

    private Figures run() {
        String location = as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
        long started = System.nanoTime();
        JsonPath run = null;
        for (int pass = 0; pass < 20; pass++) {
            pipeline.runSweeps();
            run = as("auditor").get(location).then().statusCode(200).extract().jsonPath();
            if (run.getString("state").equals("ERASING") || run.getString("state").equals("COMPLETED")) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(run.getString("state")).as(run.prettify()).isIn("ERASING", "COMPLETED");
        return new Figures(run.getInt("searchCalls"), seconds, run.getInt("found"), run.getInt("toErase"),
                run.getInt("pageSize"), Instant.parse(run.getString("cutoff")));
    }

    @Transactional
    void forgetWatermark() {
        entityManager.createNativeQuery("update retention_policy set swept_until = null, swept_channels = null")
                .executeUpdate();
    }
}
