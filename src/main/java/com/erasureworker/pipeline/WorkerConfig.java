package com.erasureworker.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the pipeline works its targets; environment variables WORKER_* map onto these keys (see README). */
@ConfigMapping(prefix = "worker")
public interface WorkerConfig {

    /** Whether this replica works targets at all; read once at start ({@link WorkerDisabled}). */
    @WithDefault("true")
    boolean enabled();

    /** How often the scheduler looks for due work (Quartz interval syntax). */
    @WithDefault("1s")
    String tick();

    /** Name this replica writes into leases; defaults to host name plus a random suffix. */
    Optional<String> instanceId();

    /** Targets worked at once by one replica (each step makes its Dixa calls through the shared rate budget). */
    @WithDefault("4")
    @Min(value = 1, message = "WORKER_CONCURRENCY must be at least 1")
    int concurrency();

    /** How long a claimed target stays with this replica; a replica that dies loses it after this. */
    @WithDefault("2m")
    Duration leaseDuration();

    /** Longest a single run of the step job keeps claiming work before handing back to the scheduler. */
    @WithDefault("20s")
    Duration maxRun();

    /** Attempts of one step before the target is FAILED (transient Dixa failures, rate limits). */
    @WithDefault("10")
    @Min(value = 1, message = "WORKER_MAX_ATTEMPTS must be at least 1")
    int maxAttempts();

    @WithDefault("2s")
    Duration backoffInitial();

    @WithDefault("10m")
    Duration backoffMax();

    /** WAIT_THEN_FORCE: how long agents get to close a conversation after the note before the worker closes it. */
    @WithDefault("72h")
    Duration gracePeriod();

    /** How often a conversation that is waiting to be closed is looked at again. */
    @WithDefault("15m")
    Duration recheckInterval();

    /** A Dixa request without processedAt after this long is stuck: the target FAILS, visibly. */
    @WithDefault("48h")
    Duration processingTimeout();

    /**
     * How long an anonymize call whose answer was lost (a timeout, a 5xx, a 202 without a request id) is given to show
     * in Dixa before it is asked again: meanwhile the step only reads whether the entity is anonymized.
     */
    @WithDefault("15m")
    Duration answerWait();

    Poll poll();

    Verify verify();

    Health health();

    /** Following Dixa's anonymization queue. */
    interface Poll {
        /** Shortest pause between two reads of a request that is not processed yet. */
        @WithDefault("2s")
        Duration minInterval();

        /** Share of a request's age waited before reading it again (0.1: noticed within 10 % of the time it took). */
        @WithDefault("0.1")
        @DecimalMin(value = "0", message = "WORKER_POLL_AGE_FRACTION must be between 0 and 1")
        @DecimalMax(value = "1", message = "WORKER_POLL_AGE_FRACTION must be between 0 and 1")
        double ageFraction();

        /**
         * Dixa processes its queue first in, first out: while the oldest outstanding request is unprocessed, the
         * younger ones are too, so only the oldest is read. Switch off if Dixa ever stops being FIFO.
         */
        @WithDefault("true")
        boolean fifo();

        /**
         * A head this many times older than the queue's recent processing time (initiatedAt to processedAt of recently
         * processed requests) is taken out of head-of-line order: it is read on its own schedule, and the next request
         * becomes the head, so one request Dixa never processes cannot hide the others' processedAt.
         */
        @WithDefault("10")
        double overdueFactor();

        /** The least age at which a head counts as overdue, whatever the recent processing time. */
        @WithDefault("5m")
        Duration overdueMin();

        /**
         * Most share of the Dixa rate budget that reads of overdue requests may take (0.1: one read a second at
         * 10 requests/s). When Dixa's queue stalls, every outstanding request becomes overdue; the cap keeps their
         * reads from taking the budget of DPO work, lookups and the contract probe.
         */
        @WithDefault("0.1")
        @DecimalMin(value = "0.01", message = "WORKER_POLL_OVERDUE_SHARE must be between 0.01 and 1")
        @DecimalMax(value = "1", message = "WORKER_POLL_OVERDUE_SHARE must be between 0.01 and 1")
        double overdueShare();

        /**
         * Most status reads made at once while catching up with a backlog Dixa processed a while ago: when the head is
         * found processed more than {@link #minInterval} ago, the next two oldest are read together, then four, and so
         * on up to this, as long as every read finds the same and no other work waits for rate budget on this replica;
         * otherwise one read at a time. 1 reads one request at a time always.
         */
        @WithDefault("8")
        @Min(value = 1, message = "WORKER_POLL_CATCH_UP_READS must be at least 1")
        int catchUpReads();
    }

    /** Reading the result back after processedAt. */
    interface Verify {
        /** Share of targets whose result is read back (1.0 = all, 0 = none). */
        @WithDefault("1.0")
        @DecimalMin(value = "0", message = "WORKER_VERIFY_SHARE must be between 0 and 1")
        @DecimalMax(value = "1", message = "WORKER_VERIFY_SHARE must be between 0 and 1")
        double share();

        /** For an end user: how many of the covered conversations are read back. */
        @WithDefault("3")
        int userConversations();

        /**
         * How long after processedAt a conversation that does not read anonymized yet is read again without spending
         * an attempt: Dixa may report an end user's request processed before its conversations are (a lag the
         * specification does not rule out). After that, each such read counts, and the attempts decide.
         */
        @WithDefault("15m")
        Duration lag();
    }

    interface Health {
        /** How often the Dixa health group really calls Dixa (cached in between). */
        @WithDefault("60s")
        Duration dixaProbeInterval();
    }
}
