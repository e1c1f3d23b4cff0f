package com.erasureworker.erasure;

/** Who asked for an erasure: the DPO through the API, a retention sweep, or the live canary (synthetic data). */
public enum Source {
    DPO,
    SWEEP,
    CANARY;

    /**
     * Ticket references starting with this are the worker's own (retention sweeps): a DPO ticket may not use it, so
     * nobody can pre-register a run's ticket reference and block every future sweep.
     */
    public static final String SWEEP_TICKET_PREFIX = "sweep-";
}
