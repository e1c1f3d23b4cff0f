package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static com.erasureworker.sweep.SweepFixtures.closedDaysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.FaultKind;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crashes and races, with the scheduler's sweep job idle (pipeline off) so the test decides when the runner works:
 * an enumeration that breaks off at page 3 resumes there, and concurrent triggers and runners make one run. The policy
 * has a watermark, so each run searches a single ClosedDate window (windows: {@code IncrementalSweepTest}).
 */
@QuarkusTest
class SweepRestartTest {

    /** 250 conversations in pages of 100 (SWEEP_PAGE_SIZE): three search pages of one ClosedDate window. */
    private static final int CONVERSATIONS = 250;

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    SweepRunner runner;

    private List<Long> old;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        UUID customer = simulator.addEndUser("archive@example.com", null);
        fixtures.skipUsedConversationIds(simulator, customer);
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30));
        old = closedDaysAgo(simulator, customer, CONVERSATIONS, 60, "Email");
        // An earlier run enumerated up to 61 days ago: the runs here search one window, from there to the cutoff.
        fixtures.watermark(Instant.now().minus(Duration.ofDays(61)));
        simulator.clearCalls();
    }

    @AfterEach
    void stop() {
        simulator.faults().clear();
        fixtures.cleanUp();
    }

    @Test
    void anEnumerationThatBreaksOffAtPageThreeResumesThereWithoutDuplicates() {
        UUID run = id(as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS));
        // Two calls pass (a zero-length "slow" answer), then page 3 and both of its quick retries answer 500.
        simulator.faults().slow(0, Duration.ZERO).failNext(FaultKind.SLOW, 2).failNext(FaultKind.SERVER_ERROR, 3);

        assertThat(runner.runDue()).isTrue();

        SweepRun interrupted = fixtures.run(run);
        assertThat(interrupted.state).isEqualTo(SweepState.ENUMERATING);
        assertThat(interrupted.pages).isEqualTo(2);
        assertThat(interrupted.found).isEqualTo(200);
        assertThat(interrupted.pageKey).isNotNull();
        assertThat(interrupted.attempts).isEqualTo(1);
        assertThat(interrupted.lastError).contains("TRANSIENT");
        assertThat(interrupted.leaseOwner).as("handed back for whoever resumes it").isNull();
        assertThat(runner.runDue()).as("not before its backoff").isFalse();

        fixtures.dueNow(run);
        assertThat(runner.runDue()).isTrue();

        SweepRun resumed = fixtures.run(run);
        assertThat(resumed.state).isEqualTo(SweepState.COMPLETED);
        assertThat(resumed.pages).isEqualTo(3);
        assertThat(resumed.found).isEqualTo(CONVERSATIONS);
        assertThat(fixtures.candidates(run)).containsExactlyElementsOf(old);
        List<SimCall> searches = simulator.calls().stream()
                .filter(call -> call.path().endsWith("/search/conversations")).toList();
        assertThat(searches).filteredOn(call -> call.query() == null || !call.query().contains("pageKey"))
                .as("the first page is never fetched again").hasSize(1);
        assertThat(searches).filteredOn(call -> call.status() == 200).hasSize(3);
    }

    @Test
    void aRunLeftByADeadReplicaIsResumedOnceItsLeaseExpires() {
        UUID run = id(as("dpo").contentType(ContentType.JSON).body(Map.of("dryRun", true)).post(SWEEPS));
        simulator.faults().slow(0, Duration.ZERO).failNext(FaultKind.SLOW, 1).failNext(FaultKind.SERVER_ERROR, 3);
        runner.runDue();
        fixtures.takeOverBy(run, "dead-replica", Duration.ofMinutes(5));

        assertThat(runner.runDue()).as("the lease is still held").isFalse();
        fixtures.takeOverBy(run, "dead-replica", Duration.ofSeconds(-1));
        assertThat(runner.runDue()).isTrue();

        assertThat(fixtures.run(run).state).isEqualTo(SweepState.COMPLETED);
        assertThat(fixtures.candidates(run)).hasSize(CONVERSATIONS);
    }

    @Test
    void concurrentTriggersAndRunnersMakeExactlyOneRun() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> triggers = together(threads, () -> as("admin").contentType(ContentType.JSON)
                    .body(Map.of("dryRun", true)).post(SWEEPS).statusCode());
            assertThat(List.of(triggers.get(0).get(), triggers.get(1).get())).containsExactlyInAnyOrder(202, 409);

            List<Future<Boolean>> runners = together(threads, runner::runDue);
            assertThat(List.of(runners.get(0).get(), runners.get(1).get())).containsExactlyInAnyOrder(true, false);
        } finally {
            threads.shutdownNow();
        }
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith("/search/conversations")).hasSize(3);
        assertThat(as("auditor").get(SWEEPS).then().extract().jsonPath().getString("items[0].state"))
                .isEqualTo("COMPLETED");
    }

    private static <T> List<Future<T>> together(ExecutorService threads, Callable<T> work) {
        CountDownLatch go = new CountDownLatch(1);
        Callable<T> gated = () -> {
            go.await();
            return work.call();
        };
        List<Future<T>> futures = List.of(threads.submit(gated), threads.submit(gated));
        go.countDown();
        return futures;
    }

    private static UUID id(Response response) {
        return UUID.fromString(response.then().statusCode(202).extract().jsonPath().getString("id"));
    }
}
