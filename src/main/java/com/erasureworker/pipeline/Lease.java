package com.erasureworker.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One claim on a target: its own token (fencing: a save with another token is stale) and a lease that stays renewed
 * while the step runs (a heartbeat, and a check before every Dixa call). A step whose lease cannot be renewed (another
 * worker holds the target now) stops before its next Dixa call, by {@link LostException}.
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
    private volatile Instant until;
    private volatile boolean lost;

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

    /**
     * Called by the runner's heartbeat every third of the lease while the step runs (also during a slow Dixa call), so
     * the lease never runs out under a live step; a failed renewal marks the claim lost.
     */
    void heartbeat() {
        if (lost) {
            return;
        }
        Instant next = Instant.now(clock).plus(duration);
        try {
            if (claims.renew(targetId, token, next, false)) {
                until = next;
            } else {
                lost = true;
            }
        } catch (RuntimeException databaseDown) {
            // Not lost yet: the lease still runs until {@code until}; renewOrStop decides before the next call.
        }
    }

    /** Renews once half the lease is used (one short update), so a long step keeps its target; stops if it cannot. */
    void renewOrStop() {
        if (lost) {
            throw new LostException(null);
        }
        Instant now = Instant.now(clock);
        if (now.isBefore(until.minus(duration.dividedBy(2)))) {
            return;
        }
        Instant next = now.plus(duration);
        if (!claims.renew(targetId, token, next, false)) {
            lost = true;
            throw new LostException(null);
        }
        until = next;
    }

    /** Renews and marks that Dixa is about to be asked to anonymize: from then on the ticket cannot be cancelled. */
    void markRequested() {
        if (lost) {
            throw new LostException(null);
        }
        Instant next = Instant.now(clock).plus(duration);
        if (!claims.renew(targetId, token, next, true)) {
            throw new LostException(null);
        }
        until = next;
    }
}
