package com.erasureworker.controls;

import static com.erasureworker.controls.Controls.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.pipeline.SecondReplica;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emergency pause against two worker instances and the simulator: writes stop within 2 s, reads go on. This
 * replica's step run and the second replica's ticking runner are real threads working when the pause comes (that is
 * the subject: a worker already in a run stops before its next write); after the pause, status reads and the resumed
 * ticket run by hand.
 */
@QuarkusTest
@TestProfile(ControlsProfile.class)
class EmergencyPauseTest {

    private static final Duration HONOURED_WITHIN = Duration.ofSeconds(2);
    private static final int CONVERSATIONS = 40;

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @Inject
    UsedConversations usedConversations;

    @Inject
    SecondReplica secondReplica;

    private final ExecutorService thisReplica = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        usedConversations.skip(simulator);
        // Dixa keeps what it accepts unprocessed for now, so there are requests whose status is read during the pause.
        simulator.pauseAnonymizationQueue(true);
    }

    @AfterEach
    void stop() throws InterruptedException {
        secondReplica.stop();
        thisReplica.shutdownNow();
        simulator.pauseAnonymizationQueue(false);
        as("admin").body(Map.of()).post(Controls.PROCESSING + "/resume").then().statusCode(200);
    }

    @Test
    void aPauseStopsEveryDixaWriteOfBothInstancesWithinTwoSecondsWhileStatusReadsGoOnAndResumeFinishesTheTicket()
            throws Exception {
        UUID customer = simulator.addEndUser("paused.customer@example.com", "+4520000313");
        List<Long> ids = IntStream.range(0, CONVERSATIONS)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        String ticket = Controls.submit("dpo", Map.of("conversationIds", ids), "NEVER");
        // Both replicas work the ticket, paced by the shared budget of 10 calls/s.
        Future<?> run = thisReplica.submit(pipeline::runDueSteps);
        secondReplica.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> count(Controls::isAnonymize) >= CONVERSATIONS / 4);

        as("dpo").body(Map.of("reason", "breach investigation")).post(Controls.PROCESSING + "/pause").then()
                .statusCode(200).body("paused", org.hamcrest.Matchers.is(true));
        Instant pausedAt = Instant.now();
        assertThat(Controls.ticket(ticket).getBoolean("processingPaused")).isTrue();
        as("auditor").get(Controls.PROCESSING).then().statusCode(200)
                .body("paused", org.hamcrest.Matchers.is(true)).body("changedBy", org.hamcrest.Matchers.is("dpo"));

        // This replica's run ends: nothing is claimed or written while paused.
        run.get(30, TimeUnit.SECONDS);
        // The second replica keeps ticking (every 200 ms) well past the 2 s the pause promises.
        Instant quietFrom = pausedAt.plus(HONOURED_WITHIN);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(quietFrom.plusSeconds(2)));
        pipeline.runDueSteps();
        // Status reads go on: the oldest accepted request's read comes due and is made.
        pipeline.advance(Duration.ofSeconds(1));
        pipeline.pollDue();
        assertThat(simulator.calls()).as("a status read while paused")
                .anyMatch(c -> Controls.isStatusRead(c) && c.at().isAfter(quietFrom));
        secondReplica.stop();

        List<SimCall> lateWrites = simulator.calls().stream()
                .filter(c -> Controls.isWrite(c) && c.at().isAfter(quietFrom)).toList();
        assertThat(lateWrites).as("Dixa writes more than 2 s after the pause").isEmpty();
        long anonymizedWhilePaused = count(Controls::isAnonymize);
        assertThat(anonymizedWhilePaused).as("the pause came mid-ticket").isLessThan(CONVERSATIONS);
        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("IN_PROGRESS");

        simulator.pauseAnonymizationQueue(false);
        as("dpo").body(Map.of()).post(Controls.PROCESSING + "/resume").then().statusCode(403);
        as("admin").body(Map.of("reason", "investigation closed")).post(Controls.PROCESSING + "/resume").then()
                .statusCode(200).body("paused", org.hamcrest.Matchers.is(false));

        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.COMPLETED);
        java.util.Set<String> ours = ids.stream().map(id -> "/v1/conversations/" + id + "/anonymize")
                .collect(Collectors.toSet());
        Map<String, Long> anonymizePerConversation = simulator.calls().stream()
                .filter(c -> ours.contains(c.path()))
                .collect(Collectors.groupingBy(SimCall::path, Collectors.counting()));
        assertThat(anonymizePerConversation).as("each conversation asked exactly once, pause or not")
                .hasSize(CONVERSATIONS).allSatisfy((path, times) -> assertThat(times).isEqualTo(1L));
        assertThat(ids).allSatisfy(id -> assertThat(simulator.conversation(id).orElseThrow().anonymizedAt()).isNotNull());
        assertThat(Controls.events("PROCESSING_PAUSED")).last().satisfies(e -> assertThat(e.get("actor")).isEqualTo("dpo"));
        assertThat(Controls.events("PROCESSING_RESUMED")).last()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("admin"));
    }

    @Test
    void aPauseNeedsAReasonAndTheRightRole() {
        as("dpo").body(Map.of()).post(Controls.PROCESSING + "/pause").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.is("reason"));
        as("dpo").body(Map.of("reason", "x", "extra", 1)).post(Controls.PROCESSING + "/pause").then().statusCode(400);
        as("auditor").body(Map.of("reason", "x")).post(Controls.PROCESSING + "/pause").then().statusCode(403);
        as("auditor").get(Controls.PROCESSING).then().statusCode(200).body("paused", org.hamcrest.Matchers.is(false));
    }

    private long count(Function<SimCall, Boolean> kind) {
        return simulator.calls().stream().filter(kind::apply).count();
    }
}
