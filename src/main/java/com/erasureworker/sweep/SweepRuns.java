package com.erasureworker.sweep;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/** Starts sweep runs (API trigger or cron) and reads them back with their ticket's progress. */
@ApplicationScoped
public class SweepRuns {

    private static final Logger LOG = Logger.getLogger(SweepRuns.class);
    private static final String ONE_ACTIVE = "sweep_run_one_active";

    private final SweepRunsStore store;
    private final Clock clock;

    SweepRuns(SweepRunsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Queues a run now with the policy's settings. A real run erases irreversibly, so it needs the policy enabled, and
     * only an admin may ask for a real run when the policy says dry run; a dpo triggers only what the policy allows.
     *
     * @param dryRun null for the policy's default
     * @param admin whether the caller is an admin
     * @throws ProblemException 403 when the caller may not start such a run, 409 when a real run is asked of a
     *         disabled policy, or a run is still enumerating or enqueueing (one at a time); nothing is queued then
     */
    public UUID trigger(Boolean dryRun, String actor, boolean admin) {
        try {
            return store.queue(dryRun, actor, admin, Instant.now(clock));
        } catch (RuntimeException e) {
            if (!oneActiveViolated(e)) {
                throw e;
            }
            String active = store.activeRun().map(UUID::toString).orElse("another run");
            throw new ProblemException(Problem.of(409, "sweep-running", "A sweep is already running",
                    "Sweep " + active + " is still enumerating or enqueueing; one run at a time.",
                    List.of(new Problem.FieldError("sweep", "running: " + active))));
        }
    }

    /** The cron fired: queue a run if the policy is on and nothing is running. */
    void scheduled() {
        try {
            store.queueScheduled(Instant.now(clock));
        } catch (RuntimeException e) {
            if (!oneActiveViolated(e)) {
                throw e;
            }
            LOG.info("retention sweep skipped by the cron: the previous run is still enumerating or enqueueing");
        }
    }

    private static boolean oneActiveViolated(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && ONE_ACTIVE.equals(violation.getConstraintName())) {
                return true;
            }
            if (cause.getMessage() != null && cause.getMessage().contains(ONE_ACTIVE)) {
                return true;
            }
        }
        return false;
    }

    /** The transactions behind {@link SweepRuns}: a failed insert must roll back on its own, then be re-read. */
    @ApplicationScoped
    static class SweepRunsStore {

        private final EntityManager entityManager;

        SweepRunsStore(EntityManager entityManager) {
            this.entityManager = entityManager;
        }

        @Transactional
        UUID queue(Boolean dryRun, String actor, boolean admin, Instant now) {
            RetentionPolicy policy = RetentionPolicy.current();
            boolean dry = dryRun == null ? policy.dryRun : dryRun;
            if (!dry) {
                requireRealRunAllowed(policy, admin);
            }
            return insert(policy, dry, actor, now).id;
        }

        private static void requireRealRunAllowed(RetentionPolicy policy, boolean admin) {
            if (!admin && (policy.dryRun || !policy.enabled)) {
                throw new ProblemException(Problem.of(403, "forbidden", "Not allowed", "The retention policy allows "
                        + "only dry runs now" + (policy.enabled ? "" : " (it is disabled)") + "; only an admin may "
                        + "start a real sweep against it. Nothing was queued.",
                        List.of(new Problem.FieldError("dryRun", "a dpo may not override the policy"))));
            }
            if (!policy.enabled) {
                throw new ProblemException(Problem.of(409, "policy-disabled", "The retention policy is disabled",
                        "A real sweep erases irreversibly and needs the retention policy enabled; enable it first "
                                + "(PUT /api/v1/retention-policy). Nothing was queued.",
                        List.of(new Problem.FieldError("enabled", "must be true for a real sweep"))));
            }
        }

        @Transactional
        void queueScheduled(Instant now) {
            RetentionPolicy policy = RetentionPolicy.current();
            if (policy.enabled) {
                insert(policy, policy.dryRun, RetentionSweepJob.SCHEDULER, now);
            }
        }

        @Transactional
        Optional<UUID> activeRun() {
            return SweepRun.<SweepRun>find("state in ?1", List.of(SweepState.QUEUED, SweepState.ENUMERATING,
                    SweepState.ENQUEUING)).firstResultOptional().map(run -> run.id);
        }

        private SweepRun insert(RetentionPolicy policy, boolean dryRun, String actor, Instant now) {
            SweepRun run = new SweepRun();
            run.id = UUID.randomUUID();
            run.state = SweepState.QUEUED;
            run.dryRun = dryRun;
            run.triggeredBy = actor;
            run.requestedAt = now;
            run.cutoff = now.minus(Duration.ofDays(policy.closedMoreThanDays));
            run.closedMoreThanDays = policy.closedMoreThanDays;
            run.channels = policy.channels;
            run.maxConversations = policy.maxConversationsPerRun;
            run.nextAttemptAt = now;
            run.persist();
            entityManager.flush();
            return run;
        }
    }
}
