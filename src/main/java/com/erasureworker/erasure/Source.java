package com.erasureworker.erasure;

/** Who asked for an erasure: the DPO through the API, a retention sweep, or the live canary (synthetic data). */
public enum Source {
    DPO,
    SWEEP,
    CANARY
}
