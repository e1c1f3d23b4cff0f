package com.erasureworker.sweep;

import static com.erasureworker.sweep.SweepFixtures.SWEEPS;
import static com.erasureworker.sweep.SweepFixtures.as;
import static org.awaitility.Awaitility.await;

import com.erasureworker.pipeline.ScheduledJobs;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One retention sweep of {@code -Dbench.conversations=N} (default 20,000) closed conversations from enumeration to
 * certificate through the simulator at 100 requests/s (burst 40) with a 5 s processing delay, the worker paced to the
 * same budget and every job running (pipeline, status reads, sweep runs, evidence). A 3-conversation DPO ticket is
 * submitted once the sweep's targets are released. Prints all-in Dixa calls per conversation (goal ≤ 4.05: the read before erasing is one more), sweep
 * start to certificate against the bound all-in calls ÷ rate (goal ≤ 1.15 ×), 429s (goal 0), peak heap (goal ≤ 256 MB
 * with -Xmx512m), the certificate's JSON, PDF and CSV annex times and sizes, and the DPO ticket's completion to
 * certificate time (goal ≤ 30 s). Run on purpose, for about 10 minutes at 20,000:
 * {@code ./mvnw test -Pbench -Dtest=ScaleSweepBenchmark -DargLine=-Xmx512m}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(ScaleSweepBenchmark.HundredPerSecond.class)
class ScaleSweepBenchmark {

    private static final String TICKETS = "/api/v1/erasure-requests";
    private static final double RATE = 100;

    public static class HundredPerSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("dixa.rate-limit.per-second", "100"),
                    Map.entry("dixa.rate-limit.burst", "40"),
                    Map.entry("simulator.rate-limit.per-second", "100"),
                    Map.entry("simulator.rate-limit.burst", "40"),
                    Map.entry("worker.poll.min-interval", "2s"),
                    Map.entry("worker.backoff-initial", "2s"),
                    Map.entry("evidence.max-attempts", "8"),
                    Map.entry("evidence.retry-backoff", "5s"),
                    // Production defaults: no erasure attribute is marked (the test profile marks one, a call more
                    // per conversation) and the overdue threshold is 5 minutes (the test profile's is 3 s).
                    Map.entry("dixa.erasure-attribute-id", ""),
                    Map.entry("worker.poll.overdue-min", "5m"),
                    Map.entry("quarkus.log.category.\"com.erasureworker.dixa\".level", "INFO"));
        }
    }

    @Inject
    DixaSimulator simulator;

    @Inject
    SweepFixtures fixtures;

    @Inject
    ScheduledJobs jobs;

    @AfterEach
    void stop() {
        jobs.stop();
        fixtures.cleanUp();
    }

    @Test
    void aTwentyThousandConversationSweepEndsWithACertificate() throws Exception {
        int conversations = Integer.getInteger("bench.conversations", 20_000);
        simulator.reset();
        simulator.setRateLimit(RATE, 40);
        simulator.setAnonymizationDelay(Duration.ofSeconds(5));
        UUID customer = simulator.addEndUser(null, null);
        fixtures.skipUsedConversationIds(simulator, customer);
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        for (int i = 0; i < conversations; i++) {
            simulator.addConversation(customer, ConversationState.Closed, "Email", longAgo.minusSeconds(i * 300L));
        }
        List<Long> dpoConversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dpoConversations.add(simulator.addConversation(simulator.addEndUser(null, null), ConversationState.Closed,
                    "Email", Instant.now()));
        }
        SweepFixtures.putPolicy(Map.of("enabled", true, "closedMoreThanDays", 365, "maxConversationsPerRun",
                conversations, "cron", SweepFixtures.NEVER));
        HeapPeak heap = HeapPeak.start();
        simulator.clearCalls();

        long start = System.nanoTime();
        jobs.startPipeline();
        jobs.startEvidence();
        UUID run = UUID.fromString(as("admin").contentType(ContentType.JSON).body(Map.of("dryRun", false))
                .post(SWEEPS).then().statusCode(202).extract().jsonPath().getString("id"));
        UUID sweepTicket = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> fixtures.run(run), r -> r.state == SweepState.ERASING
                        || r.state == SweepState.COMPLETED).ticketId;

        String dpoTicket = as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "BENCH-DPO-"
                + UUID.randomUUID(), "subject", Map.of("conversationIds", dpoConversations))).post(TICKETS).then()
                .statusCode(202).extract().path("id");
        Instant dpoCompleted = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> as("auditor").get(TICKETS + "/" + dpoTicket).then().extract().jsonPath().getString("completedAt"),
                completed -> completed != null).transform(Instant::parse);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("auditor").get(TICKETS + "/" + dpoTicket + "/certificate").statusCode() == 200);
        double dpoToCertificate = Duration.between(dpoCompleted, Instant.now()).toMillis() / 1000.0;

        await().atMost(Duration.ofHours(3)).pollInterval(Duration.ofSeconds(2)).until(() -> as("auditor")
                .get(TICKETS + "/" + sweepTicket + "/certificate").statusCode() == 200);
        double sweepToCertificate = (System.nanoTime() - start) / 1e9;
        jobs.stop();

        Timed json = timed(() -> as("auditor").get(TICKETS + "/" + sweepTicket + "/certificate").then()
                .statusCode(200).extract());
        Timed pdf = timed(() -> as("auditor").accept("application/pdf").get(TICKETS + "/" + sweepTicket
                + "/certificate").then().statusCode(200).extract());
        Timed csv = timed(() -> as("auditor").get(TICKETS + "/" + sweepTicket + "/certificate/entities").then()
                .statusCode(200).extract());
        heap.stop();

        List<SimCall> calls = simulator.calls();
        long dpoCalls = calls.stream().filter(call -> dpoConversations.stream()
                .anyMatch(id -> call.path().contains("/" + id))).count();
        long sweepCalls = calls.size() - dpoCalls;
        double bound = sweepCalls / RATE;
        System.out.printf("%n=== scale sweep benchmark: %,d closed conversations, 100 requests/s (burst 40), 5 s "
                + "processing delay ===%n", conversations);
        System.out.printf("Dixa calls: %,d (%,d for the DPO ticket's conversations)%n", calls.size(), dpoCalls);
        System.out.printf("all-in calls per sweep conversation: %.3f (goal <= 4.05)%n",
                sweepCalls / (double) conversations);
        System.out.printf("sweep start to certificate: %.1f s; bound %,d calls / 100/s = %.1f s; %.2f x (goal <= 1.15)%n",
                sweepToCertificate, sweepCalls, bound, sweepToCertificate / bound);
        System.out.printf("429 answers: %d (goal 0)%n", simulator.tooManyRequestsCount());
        System.out.printf("heap: baseline %d MB, peak %d MB used (uncollected garbage included), peak %d MB after a "
                + "collection; max heap %d MB (goal peak <= 256 MB with -Xmx512m)%n", heap.baseline / MB,
                heap.peak.get() / MB, heap.peakAfterGc.get() / MB, Runtime.getRuntime().maxMemory() / MB);
        System.out.printf("certificate JSON %.0f ms %,d bytes; PDF %.0f ms %,d bytes; CSV annex %.0f ms %,d bytes%n",
                json.millis, json.bytes, pdf.millis, pdf.bytes, csv.millis, csv.bytes);
        System.out.printf("DPO ticket submitted mid-sweep: completion to certificate %.1f s (goal <= 30 s)%n%n",
                dpoToCertificate);
    }

    private static final long MB = 1024 * 1024;

    private record Timed(double millis, long bytes) {
    }

    private static Timed timed(java.util.function.Supplier<ExtractableResponse<Response>> request) {
        long start = System.nanoTime();
        byte[] body = request.get().asByteArray();
        return new Timed((System.nanoTime() - start) / 1e6, body.length);
    }

    /**
     * The heap's peak use, sampled every 20 ms on a daemon thread: as used (garbage not yet collected included) and as
     * left after the last collection (the sum of the heap pools' collection usage: what the application holds).
     */
    private static final class HeapPeak {
        final long baseline;
        final AtomicLong peak;
        final AtomicLong peakAfterGc = new AtomicLong();
        final Thread sampler;

        private HeapPeak(long baseline) {
            this.baseline = baseline;
            this.peak = new AtomicLong(baseline);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
            this.sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    peakAfterGc.accumulateAndGet(pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed())
                            .sum(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
        }

        static HeapPeak start() {
            System.gc();
            HeapPeak heap = new HeapPeak(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            heap.sampler.start();
            return heap;
        }

        void stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
        }
    }
}
