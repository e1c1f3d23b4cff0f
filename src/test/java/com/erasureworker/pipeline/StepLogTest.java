package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaEndpoint;
import com.erasureworker.dixa.DixaOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a step's Dixa answers become results: accepted, permanent, transient, and what counts as an attempt. */
class StepLogTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final DixaCall SENT = new DixaCall(DixaEndpoint.CLOSE_CONVERSATION, NOW, Duration.ofMillis(20), 503,
            null);

    private static AnonymizationRequestStatus status(Instant processedAt) {
        return new AnonymizationRequestStatus(UUID.randomUUID(), "ConversationAnonymizationRequest", NOW, "11", null,
                processedAt);
    }

    @Test
    void anAcceptedRequestIsProcessedOnlyWhenDixaSaysWhen() {
        assertThat(StepLog.accepted(status(NOW))).isInstanceOf(StepResult.Processed.class);
        assertThat(StepLog.accepted(status(null))).isInstanceOf(StepResult.Requested.class);
    }

    @Test
    void aPermanentKindEndsTheTargetWithWhatWasTried() {
        StepResult result = StepLog.failure("anonymize conversation",
                DixaOutcome.failure(DixaOutcome.Kind.NOT_FOUND, null, null, List.of(SENT)));

        assertThat(result).isEqualTo(new StepResult.Permanent("anonymize conversation: NOT_FOUND"));
    }

    @Test
    void dixasRateLimitCountsAsAnAttemptAndKeepsItsRetryAfter() {
        StepResult result = StepLog.failure("close conversation", DixaOutcome.failure(DixaOutcome.Kind.RATE_LIMITED,
                null, Duration.ofSeconds(30), List.of(SENT)));

        assertThat(result).isEqualTo(new StepResult.Transient("close conversation: RATE_LIMITED",
                Duration.ofSeconds(30), true));
    }

    @Test
    void theWorkersOwnRateBudgetMissIsNoAttempt() {
        StepResult result = StepLog.failure("close conversation",
                DixaOutcome.failure(DixaOutcome.Kind.RATE_LIMITED, "budget", null, List.of()));

        assertThat(result).isInstanceOf(StepResult.Transient.class);
        assertThat(((StepResult.Transient) result).countsAsAttempt()).isFalse();
    }

    @Test
    void aTransientFailureAfterANoteWasPostedUsesUpNoAttempt() {
        StepLog log = new StepLog(null, null);
        log.notePosted(11L, NOW);

        StepOutcome outcome = log.failedAfter("post the internal note",
                DixaOutcome.failure(DixaOutcome.Kind.TRANSIENT, null, null, List.of(SENT)));

        assertThat(outcome.result()).isEqualTo(new StepResult.Transient("post the internal note: TRANSIENT", null,
                false));
        assertThat(outcome.notesPosted()).containsEntry(11L, NOW);
    }

    @Test
    void aTransientFailureBeforeAnyProgressIsAnAttempt() {
        StepOutcome outcome = new StepLog(null, null).failedAfter("list the internal notes",
                DixaOutcome.failure(DixaOutcome.Kind.TRANSIENT, null, null, List.of(SENT)));

        assertThat(((StepResult.Transient) outcome.result()).countsAsAttempt()).isTrue();
    }
}
