package com.erasureworker.erasure;

/**
 * Where a target is in its lifecycle; {@code pipeline.ErasureLifecycle} holds every transition.
 *
 * <pre>
 * PENDING ──anonymize 202──▶ AWAITING_DIXA ──processedAt──▶ VERIFYING ──▶ DONE
 *    │  ▲                                                                   
 *    │  └── closed (by agents, or by the worker once the policy allows) ──┐
 *    └──409 / open conversations──▶ WAITING_FOR_CLOSE ─────────────────────┘
 * any step: permanent error, attempts exhausted, or no processedAt in time ──▶ FAILED;  before any anonymize ──▶ CANCELLED
 * </pre>
 */
public enum TargetState {
    PENDING,
    WAITING_FOR_CLOSE,
    AWAITING_DIXA,
    VERIFYING,
    DONE,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
