package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static com.erasureworker.sweep.SweepFixtures.closedDaysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.audit.AuditEvent;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.pipeline.TestTickets;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run that keeps failing for a reason other than Dixa ends FAILED with that reason: it cannot block the next. */
@QuarkusTest
class SweepWedgeTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    SweepRunner runner;

    @Inject
    TestTickets tickets;

    @AfterEach
    void stop() {
        fixtures.cleanUp();
    }

    @Test
    void aRunWhoseTicketCannotBeWrittenRetriesWithBackoffThenFailsWithItsReasonAndTheNextRunStarts() {
        simulator.reset();
        simulator.disableRateLimit();
        UUID customer = simulator.addEndUser(null, null);
        fixtures.skipUsedConversationIds(simulator, customer);
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 30, "cron", SweepFixtures.NEVER));
        closedDaysAgo(simulator, customer, 3, 60, "Email");
        UUID run = UUID.fromString(as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false)).post(SWEEPS)
                .then().statusCode(202).extract().path("id"));
        // Someone got the run's ticket reference first (only possible before sweep- was reserved for the worker).
        UUID squatter = tickets.create(ClosePolicy.NEVER, request -> List.of());
        renameTicket(squatter, "sweep-" + LocalDate.now(ZoneOffset.UTC) + "-" + run.toString().substring(0, 8));

        for (int attempt = 1; attempt <= 10 && fixtures.run(run).state != SweepState.FAILED; attempt++) {
            assertThat(runner.runDue()).isTrue();
            if (fixtures.run(run).state != SweepState.FAILED) {
                assertThat(runner.runDue()).as("not before its backoff").isFalse();
                fixtures.dueNow(run);
            }
        }

        SweepRun failed = fixtures.run(run);
        assertThat(failed.state).isEqualTo(SweepState.FAILED);
        assertThat(failed.attempts).isEqualTo(10);
        assertThat(failed.lastError).startsWith("worker error:");
        assertThat(sweepFailures()).anySatisfy(event -> assertThat(event.detail).containsEntry("sweepId", run.toString())
                .containsEntry("outcome", "WORKER_ERROR"));
        as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS).then().statusCode(202);
    }

    private static void renameTicket(UUID ticket, String ticketRef) {
        QuarkusTransaction.requiringNew().run(() -> {
            ErasureRequest request = ErasureRequest.findById(ticket);
            request.ticketRef = ticketRef;
        });
    }

    private static List<AuditEvent> sweepFailures() {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.list("type", "SWEEP_FAILED"));
    }
}
