package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaEndpoint;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A claim that lost its target (another worker claimed it since) cannot save: its result is discarded, visibly. */
@QuarkusTest
class StaleResultTest {

    @Inject
    TestTickets tickets;

    @Inject
    TargetClaims claims;

    @Inject
    ErasureLifecycle lifecycle;

    @Test
    void aSaveWithAnOlderClaimTokenIsDiscardedAndAuditedWhileItsDixaCallsAreStillRecorded() {
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE, request -> {
            ErasureTarget target = ErasureTarget.conversation(request, 4242L, 0, Instant.now());
            // First in claim order (a due verification, due since ever), whatever other tests left behind.
            target.state = TargetState.VERIFYING;
            target.nextAttemptAt = Instant.EPOCH;
            return List.of(target);
        });
        UUID targetId = tickets.targets(ticket).get(0).id;
        Lease first = claims.claimOne("replica-a").filter(lease -> lease.targetId().equals(targetId)).orElseThrow();
        Work work = lifecycle.load(first).orElseThrow();
        // The first claim's lease ran out and another worker claimed the target.
        tickets.change(ticket, target -> target.leaseUntil = Instant.now().minusSeconds(1));
        Lease second = claims.claimOne("replica-b").filter(lease -> lease.targetId().equals(targetId)).orElseThrow();
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(claims.renew(targetId, first.token(), Instant.now().plusSeconds(60), false))
                .as("the old claim can no longer renew").isFalse();

        DixaCall call = new DixaCall(DixaEndpoint.ANONYMIZE_CONVERSATION, Instant.now(), Duration.ofMillis(5), 500, null);
        lifecycle.apply(work, first.token(), new StepOutcome(new StepResult.Permanent("late"), List.of(call),
                List.of(), null, Map.of(), Map.of(), null));

        ErasureTarget target = tickets.targets(ticket).get(0);
        assertThat(target.state).isEqualTo(TargetState.VERIFYING);
        assertThat(target.claimToken).isEqualTo(second.token());
        assertThat(tickets.history(ticket)).extracting(event -> event.type)
                .contains("DIXA_CALL", "STALE_RESULT_DISCARDED").doesNotContain("TARGET_STATE_CHANGED");
        tickets.change(ticket, t -> t.state = TargetState.CANCELLED);
    }
}
