package com.erasureworker.dixa;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one gateway operation came to, typed so callers decide by {@link Kind} instead of by status codes or
 * exceptions. {@code calls} lists every HTTP exchange made for it (in-call retries included), for the audit trail.
 *
 * @param value      the parsed answer, only for {@link Kind#OK}
 * @param message    Dixa's error message (redacted, shortened) or the transport failure
 * @param retryAfter Dixa's Retry-After, only for {@link Kind#RATE_LIMITED} and only when sent
 */
public record DixaOutcome<T>(Kind kind, T value, String message, Duration retryAfter, List<DixaCall> calls) {

    public enum Kind {
        OK,
        NOT_FOUND,
        CONFLICT,
        RATE_LIMITED,
        /** 5xx, timeout, connection reset or refused: worth trying again later. */
        TRANSIENT,
        UNAUTHORIZED,
        BAD_REQUEST,
        /** Not sent: processing is paused ({@link DixaWriteGate}); the write waits for the resume. */
        PAUSED;

        /** Permanent failures: trying the same call again cannot succeed. */
        public boolean permanent() {
            return this == NOT_FOUND || this == UNAUTHORIZED || this == BAD_REQUEST;
        }
    }

    public static <T> DixaOutcome<T> ok(T value, List<DixaCall> calls) {
        return new DixaOutcome<>(Kind.OK, value, null, null, calls);
    }

    public static <T> DixaOutcome<T> failure(Kind kind, String message, Duration retryAfter, List<DixaCall> calls) {
        return new DixaOutcome<>(kind, null, message, retryAfter, calls);
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }

    public Optional<Duration> retryAfterHint() {
        return Optional.ofNullable(retryAfter);
    }

    /** The status of the last exchange, 0 when none answered. */
    public int lastStatus() {
        return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).status();
    }

    public <U> DixaOutcome<U> map(Function<T, U> mapper) {
        return new DixaOutcome<>(kind, kind == Kind.OK ? mapper.apply(value) : null, message, retryAfter, calls);
    }

    DixaOutcome<T> withCalls(List<DixaCall> allCalls) {
        return new DixaOutcome<>(kind, value, message, retryAfter, List.copyOf(allCalls));
    }

    @Override
    public String toString() {
        return kind + (message == null ? "" : " (" + message + ")") + " after " + calls.size() + " call(s)";
    }
}
