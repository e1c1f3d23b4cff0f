package com.erasureworker.pipeline;

import com.erasureworker.dixa.DixaOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rule for an anonymize call whose answer was lost (a timeout, a 5xx, a 202 without a request id): Dixa may
 * have accepted it, so it spends an attempt and nothing is asked again before {@code WORKER_ANSWER_WAIT} has passed;
 * meanwhile the step reads, a few times per wait, whether the entity shows anonymized.
 */
@ApplicationScoped
class LostAnswers {

    private final WorkerConfig config;
    private final Clock clock;

    LostAnswers(WorkerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The result of a step whose anonymize call ({@code what}) got {@code answer}, a lost one. */
    StepResult.Unconfirmed after(String what, DixaOutcome<?> answer) {
        Instant now = Instant.now(clock);
        Instant until = now.plus(config.answerWait());
        return new StepResult.Unconfirmed(what + ": " + answer.kind() + " (" + answer.message()
                + "); Dixa may have accepted it, so it is not asked again before " + until, until,
                lookAgainAt(now, until), true);
    }

    /** When to read again while waiting until {@code until}: a few looks per wait, at most one per recheck interval. */
    Instant lookAgainAt(Instant now, Instant until) {
        Duration step = config.answerWait().dividedBy(3);
        step = step.compareTo(config.recheckInterval()) > 0 ? config.recheckInterval() : step;
        Instant look = now.plus(step);
        return look.isAfter(until) ? until : look;
    }
}
