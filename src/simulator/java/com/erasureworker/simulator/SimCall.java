package com.erasureworker.simulator;

import java.time.Instant;

/**
 * One request the simulator received. {@code path} is the Dixa path without the {@code /simulator} prefix,
 * {@code status} is 0 when the connection was reset without an answer, {@code body} is null for GET/DELETE.
 */
public record SimCall(Instant at, String method, String path, String query, int status, String authorization,
        String body) {
}
