package com.erasureworker.simulator;

/** Test access to the simulated Dixa queue's processing (package-private in main), for {@code pipeline/ManualPipeline}. */
public final class ManualAnonymization {

    private ManualAnonymization() {
    }

    /**
     * Processes, on the calling thread, every anonymization request that is due (its delay passed, the throughput and
     * the pause allowing), as the simulator's own 10 ms thread would a moment later.
     */
    public static void processDue(AnonymizationQueue queue) {
        queue.processDue();
    }
}
