package com.erasureworker.evidence;

/** Test access to the evidence collector's hold-off after a failed read (package-private in main), for clean state. */
public final class EvidencePause {

    private EvidencePause() {
    }

    /**
     * Ends the collector's hold-off. It is kept in the application's clock time, so one that a class set while it had
     * moved the clock forward would otherwise outlast the clock's reset by as much and silence the next classes' capture.
     */
    public static void end(EvidenceCollector collector) {
        collector.endPause();
    }
}
