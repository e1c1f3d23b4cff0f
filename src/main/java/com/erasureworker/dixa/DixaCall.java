package com.erasureworker.dixa;

import java.time.Duration;
import java.time.Instant;

/**
 * One HTTP exchange with Dixa, as the audit trail records it: endpoint (method and path template), start, duration,
 * status ({@code 0} when no answer came) and, without an answer, why ({@code timeout}, {@code connection reset}, ...).
 * Never bodies, ids in paths or query values.
 */
public record DixaCall(DixaEndpoint endpoint, Instant startedAt, Duration duration, int status, String failure) {
}
