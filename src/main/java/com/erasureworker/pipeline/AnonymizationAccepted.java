package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.erasure.TargetState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** What follows Dixa's 202: follow the request until processedAt, or verify at once if it came back processed. */
@ApplicationScoped
class AnonymizationAccepted {

    private final WorkerConfig config;
    private final Clock clock;

    AnonymizationAccepted(WorkerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    void record(StepOutcome out, AnonymizationRequestStatus status) {
        Instant now = Instant.now(clock);
        out.accepted = status;
        if (status.isProcessed()) {
            out.moveTo(TargetState.VERIFYING, now);
        } else {
            out.moveTo(TargetState.AWAITING_DIXA, now.plus(config.poll().minInterval()));
        }
    }
}
