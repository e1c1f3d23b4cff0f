package com.erasureworker.contract;

import java.time.Instant;

/**
 * One check of the contract self-check and Dixa's answer to it.
 *
 * @param name      {@code route}, {@code token}, {@code anonymization-status} or {@code canary}
 * @param request   what was asked (method and path template), or where the verdict comes from
 * @param status    the HTTP status Dixa answered, 0 when none came (or for the canary)
 * @param answer    Dixa's error message or the transport failure, scrubbed; null on success
 * @param meaning   what the answer means for the worker, in words an operator can act on
 * @param answered  whether Dixa's last answer was definitive (it decides the check); false for a transient answer
 *                  (5xx, timeout, 429, an empty local rate budget), which changes no verdict: {@code passed} then
 *                  still holds the last definitive answer's, and {@code meaning} says so
 * @param decidedAt when the definitive answer {@code passed} rests on came; null when none came within
 *                  DIXA_CONTRACT_MAX_VERDICT_AGE (the check is unknown)
 */
public record ContractCheck(String name, boolean passed, Instant checkedAt, String request, int status, String answer,
        String meaning, boolean answered, Instant decidedAt) {

    boolean decided() {
        return decidedAt != null;
    }
}
