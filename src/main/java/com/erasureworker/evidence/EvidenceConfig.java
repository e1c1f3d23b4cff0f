package com.erasureworker.evidence;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Dixa-side evidence is captured after a ticket completes; EVIDENCE_* environment variables map onto these. */
@ConfigMapping(prefix = "evidence")
public interface EvidenceConfig {

    /**
     * Whether this replica captures evidence (only if it works targets too, {@code worker.enabled}); read once at
     * start. Tests leave it on and pause the job instead, resuming it where they exercise evidence.
     */
    @WithDefault("true")
    boolean captureEnabled();

    /** Tickets planned and tickets completed per run of the job at most, so one run never holds the job for long. */
    @WithDefault("20")
    @Min(value = 1, message = "EVIDENCE_TICKETS_PER_RUN must be at least 1")
    int ticketsPerRun();

    /** Conversations whose activity log one run of the job reads at most (saved in batches as they are read). */
    @WithDefault("200")
    int conversationsPerRun();

    /** Failed reads of one conversation's log before it is recorded as UNAVAILABLE (on the certificate). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before a failed conversation is read again; doubles per attempt, at most an hour. */
    @WithDefault("30s")
    java.time.Duration retryBackoff();

    /**
     * Share of the Dixa rate (0 to 1) evidence reads may use while erasure work waits; evidence goes after DPO work
     * and before sweep erasures up to this share, and takes what is left when nothing waits.
     */
    @WithDefault("0.2")
    @DecimalMin(value = "0", message = "EVIDENCE_RATE_SHARE must be between 0 and 1")
    @DecimalMax(value = "1", message = "EVIDENCE_RATE_SHARE must be between 0 and 1")
    double rateShare();

    /**
     * Sweep tickets: the share of erased conversations whose activity log is read as evidence (0 to 1; at least one
     * per sweep page whatever the share; 1 or more reads every one). DPO tickets always get every conversation's.
     */
    @WithDefault("0.01")
    double sweepSample();
}
