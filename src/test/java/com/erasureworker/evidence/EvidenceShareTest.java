package com.erasureworker.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.dixa.DixaRateGovernor;
import com.erasureworker.dixa.RateLane;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.pipeline.TestTickets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The governor's evidence lane (10/s in tests): all of the budget while no erasure is due; while a sweep erasure is
 * due (pipeline off, so it stays due) evidence gets its share (0.2 × 10/s) and the sweep, asking at the same time,
 * the rest: erasure is never starved by evidence, and evidence never stops.
 */
@QuarkusTest
class EvidenceShareTest {

    private static final Duration WINDOW = Duration.ofSeconds(3);

    @Inject
    DixaRateGovernor governor;

    @Inject
    DixaRateGovernor.EvidenceShare share;

    @Inject
    TestTickets tickets;

    @Test
    void evidenceTakesItsShareWhileErasuresWaitAndTheWholeBudgetOtherwise() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> !share.erasureWorkWaiting());
        long alone = permitsIn(RateLane.EVIDENCE, WINDOW);

        UUID sweep = tickets.create(ClosePolicy.NEVER,
                request -> List.of(ErasureTarget.conversation(request, 4242, 1, Instant.now())));
        try {
            await().atMost(Duration.ofSeconds(5)).until(share::erasureWorkWaiting);
            CompletableFuture<Long> erasure = CompletableFuture.supplyAsync(() -> permitsIn(RateLane.SWEEP, WINDOW));
            long evidence = permitsIn(RateLane.EVIDENCE, WINDOW);

            assertThat(alone).as("whole budget: 10/s for 3 s plus the burst").isBetween(27L, 34L);
            assertThat(evidence).as("a fifth of it while erasure work waits").isBetween(4L, 10L);
            assertThat(erasure.get()).as("the rest goes to the waiting erasure").isGreaterThanOrEqualTo(18L);
        } finally {
            tickets.change(sweep, target -> target.state = TargetState.CANCELLED);
        }
    }

    private long permitsIn(RateLane lane, Duration window) {
        long end = System.nanoTime() + window.toNanos();
        long permits = 0;
        while (System.nanoTime() < end) {
            boolean got = RateLane.with(lane, () -> {
                try {
                    return governor.acquire(Duration.ofMillis(Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            permits += got ? 1 : 0;
        }
        return permits;
    }
}
