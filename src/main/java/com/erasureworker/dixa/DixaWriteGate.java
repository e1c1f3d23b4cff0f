package com.erasureworker.dixa;

/**
 * Asked by {@link DixaClient} just before every call that changes something at Dixa ({@link DixaEndpoint#writes()}):
 * while it says paused, the call is not made and answers {@link DixaOutcome.Kind#PAUSED}. Implemented by the
 * emergency pause ({@code controls.ProcessingPause}); reads (status, listings, verification) are never gated.
 */
public interface DixaWriteGate {

    boolean paused();
}
