package com.erasureworker.dixa;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Keeps all replicas together within the Dixa token's budget (rate, burst and daily quota): one Bucket4j token bucket
 * stored in PostgreSQL (table {@code bucket}, advisory-lock based), so that 429s are rare rather than the flow control.
 * The shared bucket holds half of Dixa's burst: two token buckets with the same refill never tick in phase (network
 * and clock jitter), and the smaller burst keeps ours inside Dixa's. Within a replica, waiting callers are served by
 * {@link RateLane}, most urgent first. A 429 that still happens pauses this replica's callers for Retry-After (or a
 * configured pause).
 *
 * <p>Sweeps ({@link RateLane#SWEEP}) get the whole budget while nothing else waits. While DPO work is due anywhere
 * ({@link SweepShare}, asked about once a second), a sweep caller also needs a permit from a second shared bucket that
 * refills at share × rate, so all replicas' sweeps together stay within their share and the rest is left to DPO work.
 */
// Created at start-up so its 429 counter is on /q/metrics from the first scrape, not from the first Dixa call.
@Startup
@ApplicationScoped
public class DixaRateGovernor {

    private static final Logger LOG = Logger.getLogger(DixaRateGovernor.class);
    private static final long TOKEN_BUCKET_ID = 1L;
    private static final long SWEEP_BUCKET_ID = 2L;
    private static final long EVIDENCE_BUCKET_ID = 3L;
    /** Longest sleep of a waiting caller before it looks again (a lane's turn, a pause, a share change). */
    private static final long MAX_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    @Inject
    DixaConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    Instance<SweepShare> sweepShare;

    @Inject
    Instance<EvidenceShare> evidenceShare;

    /** A 429's pause is kept in this clock's time, so a test moves past it by advancing its clock. */
    @Inject
    Clock clock;

    private ProxyManager<Long> buckets;
    private BucketProxy bucket;
    private volatile SweepBucket sweepBucket;
    private volatile SweepBucket evidenceBucket;
    private Counter tooManyRequests;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);
    private final AtomicIntegerArray waiting = new AtomicIntegerArray(RateLane.values().length);
    /** Callers waiting for a more urgent lane sleep on this; every caller leaving {@link #acquire} wakes them. */
    private final Object turns = new Object();

    @PostConstruct
    void init() {
        DixaConfig.RateLimit limit = config.rateLimit();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, limit.burst() / 2))
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build())
                .addLimit(Bandwidth.builder().capacity(limit.dailyQuota())
                        .refillIntervally(limit.dailyQuota(), Duration.ofDays(1)).build())
                .build();
        // Explicit replacement with a monotonic version (the start time): a replica started later with changed limits
        // (lowered or raised) replaces the stored configuration; Bucket4j only replaces a lower stored version.
        long version = System.currentTimeMillis();
        buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource).build();
        bucket = buckets.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.PROPORTIONALLY)
                .build(TOKEN_BUCKET_ID, () -> configuration);
        try {
            // Touch the bucket now, so the new configuration is stored at start-up, not at this replica's first call.
            bucket.getAvailableTokens();
        } catch (RuntimeException databaseError) {
            LOG.warnf("the shared rate budget could not be stored at start-up (%s); it will be on first use",
                    databaseError.getClass().getSimpleName());
        }
        tooManyRequests = Counter.builder("dixa.too.many.requests")
                .description("429 answers from Dixa (should stay near zero: the governor paces calls)").register(registry);
    }

    /**
     * Waits for one permit, at most {@code maxWait}.
     *
     * @return false when no permit came in time (the caller treats that as rate limited without calling Dixa)
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        RateLane lane = RateLane.current();
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (lane == RateLane.EVIDENCE && evidenceHeldToShare() && !evidencePermit(deadline)) {
            return false;
        }
        boolean sweepPermit = false;
        waiting.incrementAndGet(lane.ordinal());
        try {
            while (true) {
                Duration pause = Duration.between(Instant.now(clock), pausedUntil.get());
                if (pause.toNanos() > 0) {
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.sleep(pause.toNanos());
                }
                if (moreUrgentWaiting(lane)) {
                    // A more urgent caller goes first: sleep until one leaves (it wakes us), not a poll.
                    synchronized (turns) {
                        if (moreUrgentWaiting(lane)) {
                            TimeUnit.NANOSECONDS.timedWait(turns, Math.min(MAX_NAP_NANOS, deadline - System.nanoTime()));
                        }
                    }
                    if (System.nanoTime() >= deadline) {
                        return false;
                    }
                    continue;
                }
                long wait;
                if (lane == RateLane.SWEEP && !sweepPermit && sweepsHeldToShare()) {
                    // The sweep permit first: if the shared bucket is empty afterwards, only a sweep token is spent.
                    wait = tryConsume(sweepBucket());
                    sweepPermit = wait == 0;
                    wait = sweepPermit ? tryConsume(bucket) : wait;
                } else {
                    wait = tryConsume(bucket);
                }
                if (wait == 0) {
                    return true;
                }
                if (System.nanoTime() + wait > deadline) {
                    return false;
                }
                // Sleep until the bucket says a token is due (bounded, so a new pause or share is seen).
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, MAX_NAP_NANOS));
            }
        } finally {
            waiting.decrementAndGet(lane.ordinal());
            synchronized (turns) {
                turns.notifyAll();
            }
        }
    }

    /**
     * Evidence's own permit while erasure work waits, taken before the caller counts as waiting in its lane: an
     * evidence caller short of its share never holds sweeps back, and one that has it goes before them.
     */
    private boolean evidencePermit(long deadline) throws InterruptedException {
        while (true) {
            long wait = tryConsume(shareBucket(EVIDENCE_BUCKET_ID, evidenceShare.get().share(), true));
            if (wait == 0) {
                return true;
            }
            if (System.nanoTime() + wait > deadline) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, MAX_NAP_NANOS));
        }
    }

    private boolean evidenceHeldToShare() {
        if (!evidenceShare.isResolvable()) {
            return false;
        }
        EvidenceShare share = evidenceShare.get();
        try {
            return share.share() < 1.0 && share.erasureWorkWaiting();
        } catch (RuntimeException databaseError) {
            throw new BudgetUnavailableException(databaseError);
        }
    }

    /** The shared budget (PostgreSQL) could not be read: the caller makes no call and reports a transient failure. */
    public static final class BudgetUnavailableException extends RuntimeException {
        BudgetUnavailableException(RuntimeException cause) {
            super("rate budget unavailable: " + cause.getClass().getSimpleName(), null, false, false);
        }
    }

    /** @return 0 when a permit was taken, else nanoseconds until the bucket refills */
    private static long tryConsume(BucketProxy from) {
        ConsumptionProbe probe;
        try {
            probe = from.tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException databaseError) {
            throw new BudgetUnavailableException(databaseError);
        }
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private boolean sweepsHeldToShare() {
        if (!sweepShare.isResolvable()) {
            return false;
        }
        SweepShare share = sweepShare.get();
        try {
            return share.share() < 1.0 && share.dpoWorkWaiting();
        } catch (RuntimeException databaseError) {
            throw new BudgetUnavailableException(databaseError);
        }
    }

    /** The sweeps' bucket at the current share: share × rate, no burst. Rebuilt (and re-stored) when the share changes. */
    private BucketProxy sweepBucket() {
        return shareBucket(SWEEP_BUCKET_ID, sweepShare.get().share(), false);
    }

    /** A lane's bucket at its share of the rate, no burst; rebuilt (and re-stored) when the share changes. */
    private BucketProxy shareBucket(long id, double share, boolean evidence) {
        SweepBucket current = evidence ? evidenceBucket : sweepBucket;
        if (current != null && current.share() == share) {
            return current.bucket();
        }
        long periodNanos = Math.max(1, Math.round(1e9 / (config.rateLimit().perSecond() * share)));
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(periodNanos)).build())
                .build();
        // Monotonic version: a raised or lowered share replaces the stored configuration (see init()).
        BucketProxy proxy = buckets.builder()
                .withImplicitConfigurationReplacement(System.currentTimeMillis(), TokensInheritanceStrategy.RESET)
                .build(id, () -> configuration);
        if (evidence) {
            evidenceBucket = new SweepBucket(share, proxy);
        } else {
            sweepBucket = new SweepBucket(share, proxy);
        }
        return proxy;
    }

    private record SweepBucket(double share, BucketProxy bucket) {
    }

    /**
     * What the governor needs to hold sweeps to their share, supplied by the sweep feature (the governor knows
     * nothing of policies or tickets). Without an implementation, sweeps are only ordered behind other lanes.
     */
    public interface SweepShare {

        /** Share of the rate (0 < share ≤ 1) sweeps may use while DPO work waits. */
        double share();

        /** Whether DPO work is due on any replica. Asked for every sweep permit: answer from a short-lived cache. */
        boolean dpoWorkWaiting();
    }

    /**
     * What the governor needs to hold evidence reads to their share while erasures wait, supplied by the evidence
     * feature. Without an implementation, evidence is only ordered between DPO work and sweeps.
     */
    public interface EvidenceShare {

        /** Share of the rate (0 < share ≤ 1) evidence reads may use while erasure work waits. */
        double share();

        /** Whether erasure work (a target a worker could claim) is due on any replica; answer from a short cache. */
        boolean erasureWorkWaiting();
    }

    /**
     * Whether a caller of another lane than {@code lane} is waiting for a permit on this replica now: the budget is
     * contended, so optional calls of {@code lane} (status reads made ahead, in a group) would take it from them.
     */
    public boolean othersWaiting(RateLane lane) {
        for (RateLane other : RateLane.values()) {
            if (other != lane && waiting.get(other.ordinal()) > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean moreUrgentWaiting(RateLane lane) {
        for (int more = 0; more < lane.ordinal(); more++) {
            if (waiting.get(more) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Ends a hold-off after a 429 now (tests starting from a clean state; the pause is kept in the clock's time). */
    void endPause() {
        pausedUntil.set(Instant.EPOCH);
    }

    /** Dixa answered 429: this replica holds off for Retry-After, or the configured pause when Dixa sent none. */
    public void onTooManyRequests(Duration retryAfter) {
        tooManyRequests.increment();
        Duration pause = retryAfter != null ? retryAfter : config.rateLimit().pauseAfterTooManyRequests();
        Instant until = Instant.now(clock).plus(pause);
        pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
        LOG.debugf("Dixa answered 429; pausing calls for %d ms", pause.toMillis());
    }
}
