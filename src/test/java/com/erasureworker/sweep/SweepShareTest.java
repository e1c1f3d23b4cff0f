package com.erasureworker.sweep;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The governor's sweep lane on its own: sweeps get the whole budget (10/s in tests) while no DPO work is due, and at
 * most their share (0.5 × 10/s) while a DPO target is due, with the pipeline off so the DPO target stays due.
 */
@QuarkusTest
class SweepShareTest {

    @Inject
    DixaRateGovernor.SweepShare share;

    private static final Duration WINDOW = Duration.ofSeconds(3);

    @Inject
    DixaRateGovernor governor;

    @Inject
    TestTickets tickets;

    @Test
    void sweepsUseTheWholeBudgetWhenNothingElseWaitsAndTheirShareWhileDpoWorkIsDue() throws Exception {
        SweepFixtures.putPolicy(Map.of("enabled", false, "closedMoreThanDays", 30, "sweepRateShare", 0.5));
        await().atMost(Duration.ofSeconds(5)).until(() -> share.share() == 0.5 && !share.dpoWorkWaiting());
        long alone = sweepPermitsIn(WINDOW);

        UUID dpo = tickets.create(ClosePolicy.NEVER,
                request -> List.of(ErasureTarget.conversation(request, 42, 0, Instant.now())));
        try {
            await().atMost(Duration.ofSeconds(5)).until(share::dpoWorkWaiting);
            long beside = sweepPermitsIn(WINDOW);

            assertThat(alone).as("whole budget: 10/s for 3 s plus the burst").isBetween(27L, 34L);
            assertThat(beside).as("half of it while DPO work waits").isBetween(12L, 18L);
        } finally {
            tickets.change(dpo, target -> target.state = TargetState.CANCELLED);
        }
    }

    private long sweepPermitsIn(Duration window) throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        long permits = 0;
        while (System.nanoTime() < end) {
            boolean got = RateLane.with(RateLane.SWEEP, () -> {
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
