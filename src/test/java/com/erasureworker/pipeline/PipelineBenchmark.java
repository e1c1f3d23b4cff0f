package com.erasureworker.pipeline;

import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drives closed conversations through the simulator at Dixa's real limits (10 requests/s, burst 4) with an
 * anonymization processing delay, using the production polling settings, and prints the figures the README quotes.
 * Run on purpose: {@code ./mvnw test -Pbench} (optionally -Dbench.conversations=500 -Dbench.delay=5s).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(PipelineBenchmark.ProductionPacing.class)
class PipelineBenchmark {

    public static class ProductionPacing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "worker.poll.min-interval", "2s",
                    "worker.backoff-initial", "2s",
                    "simulator.rate-limit.per-second", "10",
                    "simulator.rate-limit.burst", "4",
                    "quarkus.log.category.\"com.erasureworker.dixa\".level", "INFO");
        }
    }

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ScheduledJobs jobs;

    @Test
    void drainsConversationsAtTheRateLimitWithFewCallsEach() {
        int conversations = Integer.getInteger("bench.conversations", 500);
        Duration delay = Duration.parse("PT" + System.getProperty("bench.delay", "5s").toUpperCase());
        simulator.reset();
        simulator.setRateLimit(10, 4);
        simulator.setAnonymizationDelay(delay);
        UUID customer = simulator.addEndUser(null, null);
        List<Long> ids = IntStream.range(0, conversations)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();
        List<UUID> ticketIds = new ArrayList<>();
        for (int from = 0; from < conversations; from += 50) {
            List<Long> slice = ids.subList(from, Math.min(conversations, from + 50));
            ticketIds.add(tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> slice.stream()
                    .map(id -> ErasureTarget.conversation(request, id, 0, Instant.now())).toList()));
        }
        simulator.clearCalls();

        long start = System.nanoTime();
        jobs.startPipeline();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500)).until(() -> ticketIds.stream()
                .allMatch(id -> tickets.request(id).state.terminal()));
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        jobs.stop();

        List<SimCall> calls = simulator.calls();
        long anonymize = calls.stream().filter(call -> call.path().endsWith("/anonymize")).count();
        long statusReads = calls.stream().filter(call -> call.path().contains("/anonymization/request/")).count();
        long verification = calls.stream().filter(call -> call.method().equals("GET")
                && call.path().matches("/v1/conversations/\\d+")).count();
        long completed = ticketIds.stream().filter(id -> tickets.request(id).state == RequestState.COMPLETED).count();
        List<Double> lateness = new ArrayList<>();
        long late = 0;
        for (UUID ticket : ticketIds) {
            for (ErasureTarget target : tickets.targets(ticket)) {
                double took = Duration.between(target.initiatedAt, target.processedAt).toMillis() / 1000.0;
                double noticedAfter = Duration.between(target.processedAt, target.processedSeenAt).toMillis() / 1000.0;
                lateness.add(noticedAfter);
                if (noticedAfter > Math.max(2.0, 0.1 * took)) {
                    late++;
                }
            }
        }
        lateness.sort(Double::compare);
        double bound = calls.size() / 10.0;
        System.out.printf("%n=== erasure pipeline benchmark ===%n");
        System.out.printf("conversations: %d in %d tickets, completed tickets: %d/%d, Dixa processing delay: %s%n",
                conversations, ticketIds.size(), completed, ticketIds.size(), delay);
        System.out.printf("Dixa calls: %d (anonymize %d, status reads %d, verification reads %d, other %d)%n",
                calls.size(), anonymize, statusReads, verification, calls.size() - anonymize - statusReads - verification);
        System.out.printf("calls per conversation: %.3f without verification reads, %.3f with them%n",
                (anonymize + statusReads) / (double) conversations, calls.size() / (double) conversations);
        System.out.printf("429 answers: %d%n", simulator.tooManyRequestsCount());
        System.out.printf("drain time: %.1f s; bound calls/rate = %d/10 = %.1f s (%.0f %% of bound); %.2f calls/s%n",
                drainSeconds, calls.size(), bound, 100 * bound / drainSeconds, calls.size() / drainSeconds);
        System.out.printf("processedAt noticed after: p50 %.2f s, p95 %.2f s, max %.2f s; later than max(2 s, 10 %% of the time it took): %d%n",
                lateness.get(lateness.size() / 2), lateness.get((int) (lateness.size() * 0.95)),
                lateness.get(lateness.size() - 1), late);
    }
}
