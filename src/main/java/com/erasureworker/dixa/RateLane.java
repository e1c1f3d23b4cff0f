package com.erasureworker.dixa;

import java.util.function.Supplier;

/**
 * Who is asking for rate budget, most urgent first. Reads of anonymization status come first (a processed request
 * should be noticed within seconds), then DPO work, then evidence reads (held to their share while erasure work
 * waits, see {@link DixaRateGovernor.EvidenceShare}), then retention sweeps. The lane is set around a unit of work and
 * read by {@link DixaRateGovernor}; code that sets none runs in the DPO lane.
 */
public enum RateLane {
    STATUS,
    DPO,
    EVIDENCE,
    SWEEP;

    private static final ThreadLocal<RateLane> CURRENT = ThreadLocal.withInitial(() -> DPO);

    public static RateLane current() {
        return CURRENT.get();
    }

    public static <T> T with(RateLane lane, Supplier<T> work) {
        RateLane previous = CURRENT.get();
        CURRENT.set(lane);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

}
