package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Enumeration and enqueue of a large sweep: {@code -Dbench.conversations=N} (default 100,000) closed conversations in
 * the simulator, searched at Dixa's real limits (10 requests/s, burst 4, enforced by the simulator), stored as
 * candidates and written as one SWEEP ticket. The pipeline is off: this measures the sweep, not the erasure. Heap use
 * is sampled every 20 ms; the simulator's own 100,000 conversations live in the same heap.
 * Run: {@code ./mvnw test -Pbench -Dtest=SweepBenchmark}.
 */
@QuarkusTest
@Tag("bench")
class SweepBenchmark {

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    SweepRunner runner;

    @AfterEach
    void stop() {
        fixtures.cleanUp();
    }

    @Test
    void enumeratesAndEnqueuesAHundredThousandConversations() throws Exception {
        int conversations = Integer.getInteger("bench.conversations", 100_000);
        simulator.reset();
        UUID customer = simulator.addEndUser("bench@example.com", null);
        fixtures.skipUsedConversationIds(simulator, customer);
        Instant closed = Instant.now().minus(Duration.ofDays(400));
        for (int i = 0; i < conversations; i++) {
            simulator.addConversation(customer, ConversationState.Closed, "Email", closed.minusSeconds(i * 300L));
        }
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 365, "maxConversationsPerRun",
                Math.max(conversations, 1), "cron", SweepFixtures.NEVER));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        simulator.clearCalls();

        UUID run = UUID.fromString(as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false))
                .post(SWEEPS).then().statusCode(202).extract().jsonPath().getString("id"));
        sampler.start();
        long started = System.nanoTime();
        while (fixtures.run(run).state.active()) {
            runner.runDue();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();

        SweepRun done = fixtures.run(run);
        double enumerate = Duration.between(done.startedAt, done.enumeratedAt).toMillis() / 1000.0;
        long searches = simulator.calls().stream().filter(call -> call.path().endsWith("/search/conversations")).count();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%nSWEEP BENCHMARK (%d closed conversations, simulator at 10 requests/s, burst 4)%n",
                conversations);
        System.out.printf("  search pages            %d (%d search calls, %d answered 429)%n", done.pages, searches,
                simulator.tooManyRequestsCount());
        System.out.printf("  enumeration             %.1f s  (%.0f conversations/s stored as candidates)%n", enumerate,
                done.found / enumerate);
        System.out.printf("  enqueue (ticket+targets) %.1f s  (%.0f targets/s, batches of 1000)%n",
                seconds - enumerate, done.enqueued / Math.max(0.001, seconds - enumerate));
        System.out.printf("  enumeration + enqueue   %.1f s  (%.0f conversations/s)%n", seconds, conversations / seconds);
        System.out.printf("  heap used               baseline %d MB, peak %d MB (+%d MB); max heap %d MB%n%n",
                mb(baseline), mb(peak.get()), mb(peak.get() - baseline), mb(runtime.maxMemory()));
        assertThat(done.state).isEqualTo(SweepState.ERASING);
        assertThat(done.enqueued).isEqualTo(conversations);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
