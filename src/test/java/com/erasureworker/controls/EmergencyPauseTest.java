package com.erasureworker.controls;

import static com.erasureworker.controls.Controls.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.pipeline.ScheduledJobs;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emergency pause against two worker instances and the simulator: writes stop within 2 s, reads go on. */
@QuarkusTest
@TestProfile(ControlsProfile.class)
class EmergencyPauseTest {

    private static final Duration HONOURED_WITHIN = Duration.ofSeconds(2);

    @Inject
    DixaSimulator simulator;

    @Inject
    ScheduledJobs jobs;

    @Inject
    UsedConversations usedConversations;

    @Inject
    SecondReplica secondReplica;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        usedConversations.skip(simulator);
        // Dixa takes a while to process, so there are accepted requests whose status is still read during the pause.
        simulator.setAnonymizationDelay(Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() throws InterruptedException {
        secondReplica.stop();
        jobs.stop();
        as("admin").body(Map.of()).post(Controls.PROCESSING + "/resume").then().statusCode(200);
    }

    @Test
    void aPauseStopsEveryDixaWriteOfBothInstancesWithinTwoSecondsWhileStatusReadsGoOnAndResumeFinishesTheTicket() {
        UUID customer = simulator.addEndUser("paused.customer@example.com", "+4520000313");
        List<Long> ids = IntStream.range(0, 200)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        String ticket = Controls.submit("dpo", Map.of("conversationIds", ids), "NEVER");
        jobs.startPipeline();
        secondReplica.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> count(Controls::isAnonymize) >= 30);

        as("dpo").body(Map.of("reason", "breach investigation")).post(Controls.PROCESSING + "/pause").then()
                .statusCode(200).body("paused", org.hamcrest.Matchers.is(true));
        Instant pausedAt = Instant.now();
        // Dixa keeps what it accepted unprocessed for now, so there are requests whose status must still be read.
        simulator.pauseAnonymizationQueue(true);
        assertThat(Controls.ticket(ticket).getBoolean("processingPaused")).isTrue();
        as("auditor").get(Controls.PROCESSING).then().statusCode(200)
                .body("paused", org.hamcrest.Matchers.is(true)).body("changedBy", org.hamcrest.Matchers.is("dpo"));

        Instant quietFrom = pausedAt.plus(HONOURED_WITHIN);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> simulator.calls().stream().anyMatch(c -> Controls.isStatusRead(c)
                        && c.at().isAfter(quietFrom.plusSeconds(2))));
        List<SimCall> lateWrites = simulator.calls().stream()
                .filter(c -> Controls.isWrite(c) && c.at().isAfter(quietFrom)).toList();
        assertThat(lateWrites).as("Dixa writes more than 2 s after the pause").isEmpty();
        long anonymizedWhilePaused = count(Controls::isAnonymize);
        assertThat(anonymizedWhilePaused).as("the pause came mid-ticket").isLessThan(200);
        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("IN_PROGRESS");

        simulator.pauseAnonymizationQueue(false);
        as("dpo").body(Map.of()).post(Controls.PROCESSING + "/resume").then().statusCode(403);
        as("admin").body(Map.of("reason", "investigation closed")).post(Controls.PROCESSING + "/resume").then()
                .statusCode(200).body("paused", org.hamcrest.Matchers.is(false));

        await().atMost(Duration.ofSeconds(120)).until(() -> "COMPLETED".equals(Controls.ticket(ticket).getString("state")));
        java.util.Set<String> ours = ids.stream().map(id -> "/v1/conversations/" + id + "/anonymize")
                .collect(Collectors.toSet());
        Map<String, Long> anonymizePerConversation = simulator.calls().stream()
                .filter(c -> ours.contains(c.path()))
                .collect(Collectors.groupingBy(SimCall::path, Collectors.counting()));
        assertThat(anonymizePerConversation).as("each conversation asked exactly once, pause or not").hasSize(200)
                .allSatisfy((path, times) -> assertThat(times).isEqualTo(1L));
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
