package com.erasureworker.erasure;

/** Who asked for an erasure: the DPO through the API, or a retention sweep. */
public enum Source {
    DPO,
    SWEEP
}
