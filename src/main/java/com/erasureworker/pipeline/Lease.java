package com.erasureworker.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One claim on a target: its own token (fencing: a save with another token is stale) and a lease that the working
 * step renews between Dixa calls. A step whose lease cannot be renewed (another worker holds the target now) stops
 * before its next Dixa call, by {@link LostException}.
 */
final class Lease {

    /** The claim was lost: the step stops here; what it did so far is recorded, its result discarded. */
    static final class LostException extends RuntimeException {

        private final transient StepOutcome partial;

        LostException(StepOutcome partial) {
            super("lease lost", null, false, false);
            this.partial = partial;
        }

        /** What the step did before it stopped (its calls are recorded); null when thrown by the lease itself. */
        StepOutcome partial() {
            return partial;
        }
    }

    private final UUID targetId;
    private final UUID token;
    private final TargetClaims claims;
    private final Duration duration;
    private final Clock clock;
    private Instant until;

    Lease(UUID targetId, UUID token, Instant until, TargetClaims claims, Duration duration, Clock clock) {
        this.targetId = targetId;
        this.token = token;
        this.until = until;
        this.claims = claims;
        this.duration = duration;
        this.clock = clock;
    }

    UUID targetId() {
        return targetId;
    }

    UUID token() {
        return token;
    }

    /** Renews once half the lease is used (one short update), so a long step keeps its target; stops if it cannot. */
    void renewOrStop() {
        Instant now = Instant.now(clock);
        if (now.isBefore(until.minus(duration.dividedBy(2)))) {
            return;
        }
        Instant next = now.plus(duration);
        if (!claims.renew(targetId, token, next, false)) {
            throw new LostException(null);
        }
        until = next;
    }

    /** Renews and marks that Dixa is about to be asked to anonymize: from then on the ticket cannot be cancelled. */
    void markRequested() {
        Instant next = Instant.now(clock).plus(duration);
        if (!claims.renew(targetId, token, next, true)) {
            throw new LostException(null);
        }
        until = next;
    }
}
