package com.erasureworker.dixa;

/** Test access to the rate governor's hold-off after a 429 (package-private in main), for clean state. */
public final class RatePause {

    private RatePause() {
    }

    /**
     * Ends the governor's hold-off. It is kept in the application's clock time, so one that a class set while it had
     * moved the clock forward would otherwise outlast the clock's reset by as much and hold back the next classes.
     */
    public static void end(DixaRateGovernor governor) {
        governor.endPause();
    }
}
