package com.erasureworker.canary;

/**
 * How a canary run ended. Only {@link #FAILED} is evidence that Dixa erased wrongly (and turns the contract verdict
 * red); {@link #INCONCLUSIVE} proves nothing either way and stops nothing.
 */
enum CanaryOutcome {
    PASSED, FAILED, INCONCLUSIVE;

    CanaryRun.State state() {
        return CanaryRun.State.valueOf(name());
    }
}
