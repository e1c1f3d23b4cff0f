package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static com.erasureworker.sweep.SweepFixtures.closedDaysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.pipeline.ScheduledJobs;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * At Dixa's real limits (the simulator enforces 10 requests/s, burst 4): a DPO ticket submitted while a sweep of a few
 * thousand conversations is using the whole budget completes within seconds, and the sweep keeps going meanwhile.
 */
@QuarkusTest
class SweepFairnessTest {

    private static final Logger LOG = Logger.getLogger(SweepFairnessTest.class);

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ScheduledJobs jobs;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        customer = simulator.addEndUser("long.gone@example.com", null);
        fixtures.skipUsedConversationIds(simulator, customer);
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "sweepRateShare", 0.5,
                "cron", SweepFixtures.NEVER));
    }

    @AfterEach
    void stop() {
        jobs.stop();
        fixtures.cleanUp();
    }

    @Test
    void aDpoTicketSubmittedDuringALargeSweepCompletesWithinSecondsWhileTheSweepKeepsGoing() {
        Set<Long> swept = new HashSet<>(SweepFixtures.closedSpreadFrom(simulator, customer, 3000, 90, "Email"));
        List<Long> dpoConversations = closedDaysAgo(simulator, customer, 3, 1, "Email");
        jobs.startPipeline();
        String sweep = as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS).then()
                .statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> anonymizeCalls(swept, Instant.EPOCH) >= 10);

        Instant submitted = Instant.now();
        String ticket = as("dpo").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "DPO-during-sweep-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", dpoConversations), "closePolicy", "NEVER"))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> as("dpo").get(ticket).then().extract().jsonPath().getString("state"), "COMPLETED"::equals);
        Duration dpoTook = Duration.between(submitted, Instant.now());
        long sweepCallsMeanwhile = anonymizeCalls(swept, submitted);
        Instant lastDpoCall = simulator.calls().stream().filter(call -> call.path().endsWith("/anonymize"))
                .filter(call -> dpoConversations.contains(Long.parseLong(call.path().split("/")[3])))
                .map(SimCall::at).max(Instant::compareTo).orElseThrow();
        long sweepCallsAhead = anonymizeCalls(swept, submitted) - anonymizeCalls(swept, lastDpoCall.plusNanos(1));

        // Timing is the benchmark's business (it depends on the machine); here the order: the DPO ticket is not queued
        // behind the sweep. Ahead of its anonymize calls may only be the sweep steps already in flight (4 workers).
        LOG.infof("DPO ticket of 3 conversations completed %d ms after submission during the sweep; the sweep made "
                + "%d anonymize calls meanwhile, %d before the DPO ticket's last", dpoTook.toMillis(),
                sweepCallsMeanwhile, sweepCallsAhead);
        assertThat(sweepCallsAhead).as("sweep anonymize calls ahead of the DPO ticket's").isLessThanOrEqualTo(8);
        assertThat(sweepCallsMeanwhile).as("the sweep keeps its share").isPositive();
        assertThat(simulator.tooManyRequestsCount()).isZero();
        assertThat(as("auditor").get(sweep).then().extract().jsonPath().getString("state")).isEqualTo("ERASING");
    }

    private long anonymizeCalls(Set<Long> conversations, Instant since) {
        return simulator.calls().stream().filter(call -> call.path().endsWith("/anonymize"))
                .filter(call -> !call.at().isBefore(since))
                .map(SimCall::path).map(path -> Long.parseLong(path.split("/")[3])).filter(conversations::contains)
                .count();
    }
}
