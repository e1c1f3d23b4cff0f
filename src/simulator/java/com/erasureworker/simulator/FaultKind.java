package com.erasureworker.simulator;

/** The ways the simulator can misbehave on purpose, see {@link SimulatorFaults}. */
public enum FaultKind {
    /** 500 before anything happened. */
    SERVER_ERROR,
    /** The effect happens, then the answer is replaced by a 500. */
    EFFECT_THEN_SERVER_ERROR,
    /** The effect happens, then the answer is delayed by the slow delay (past the client's read timeout, say). */
    EFFECT_THEN_SLOW,
    /** The TCP connection is closed without any answer. */
    CONNECTION_RESET,
    /** The answer is delayed by the configured slow delay. */
    SLOW,
    /** 429 although the token bucket still had room. */
    TOO_MANY_REQUESTS,
    /** 503 before anything happened (a gateway or Dixa briefly unavailable). */
    SERVICE_UNAVAILABLE
}
