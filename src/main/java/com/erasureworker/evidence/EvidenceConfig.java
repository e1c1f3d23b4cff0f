package com.erasureworker.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Dixa-side evidence is captured after a ticket completes; EVIDENCE_* environment variables map onto these. */
@ConfigMapping(prefix = "evidence")
public interface EvidenceConfig {

    /**
     * Whether this replica captures evidence (and only while the pipeline is switched on). The test profile starts
     * with it off so that tests of other features see only the pipeline's own Dixa calls and audit events.
     */
    @WithDefault("true")
    boolean captureEnabled();

    /** Tickets captured per run of the job at most, so one run never holds the job for long. */
    @WithDefault("20")
    int ticketsPerRun();

    /**
     * Sweep tickets: the share of erased conversations whose activity log is read as evidence (0 to 1; at least one
     * per sweep page whatever the share). DPO tickets always get every conversation's.
     */
    @WithDefault("0.01")
    @jakarta.validation.constraints.DecimalMin("0.0")
    @jakarta.validation.constraints.DecimalMax("1.0")
    double sweepSample();
}
