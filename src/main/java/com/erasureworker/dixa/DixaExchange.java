package com.erasureworker.dixa;

import com.erasureworker.dixa.DixaOutcome.Kind;
import com.erasureworker.privacy.Redaction;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Makes one HTTP exchange and maps its answer, or its failure to answer, to a {@link DixaOutcome}. */
final class DixaExchange {

    private DixaExchange() {
    }

    /** The answer body type; {@code null} for calls whose success has no body (204). */
    static <T> DixaOutcome<T> perform(DixaEndpoint endpoint, Supplier<Response> request, GenericType<T> bodyType,
            List<DixaCall> calls) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        try (Response response = request.get()) {
            int status = response.getStatus();
            calls.add(new DixaCall(endpoint, startedAt, Duration.ofNanos(System.nanoTime() - start), status, null));
            return map(response, status, bodyType, calls);
        } catch (ProcessingException e) {
            String failure = describe(e);
            calls.add(new DixaCall(endpoint, startedAt, Duration.ofNanos(System.nanoTime() - start), 0, failure));
            return DixaOutcome.failure(Kind.TRANSIENT, failure, null, calls);
        }
    }

    private static <T> DixaOutcome<T> map(Response response, int status, GenericType<T> bodyType, List<DixaCall> calls) {
        if (status >= 200 && status < 300) {
            if (bodyType == null || status == 204) {
                return DixaOutcome.ok(null, calls);
            }
            try {
                return DixaOutcome.ok(response.readEntity(bodyType), calls);
            } catch (ProcessingException | IllegalStateException e) {
                // A body we cannot read is not a permanent verdict on the entity: try again later.
                return DixaOutcome.failure(Kind.TRANSIENT, "unreadable answer (HTTP " + status + ")", null, calls);
            }
        }
        String message = errorMessage(response, status);
        return switch (status) {
            case 400, 422 -> DixaOutcome.failure(Kind.BAD_REQUEST, message, null, calls);
            case 401, 403 -> DixaOutcome.failure(Kind.UNAUTHORIZED, message, null, calls);
            case 404, 410 -> DixaOutcome.failure(Kind.NOT_FOUND, message, null, calls);
            case 409 -> DixaOutcome.failure(Kind.CONFLICT, message, null, calls);
            case 429 -> DixaOutcome.failure(Kind.RATE_LIMITED, message, retryAfter(response), calls);
            case 408, 425 -> DixaOutcome.failure(Kind.TRANSIENT, message, null, calls);
            default -> DixaOutcome.failure(status >= 500 ? Kind.TRANSIENT : Kind.BAD_REQUEST, message, null, calls);
        };
    }

    private static String errorMessage(Response response, int status) {
        String text = null;
        try {
            if (response.hasEntity()) {
                ErrorBody body = response.readEntity(ErrorBody.class);
                text = body == null ? null : body.message();
            }
        } catch (RuntimeException unreadable) {
            // Error bodies that are not {"message": ...} (e.g. a proxy's HTML page) are summarised by the status.
        }
        return "HTTP " + status + (text == null || text.isBlank() ? "" : ": " + Redaction.scrub(text));
    }

    /** Retry-After as delta-seconds or an HTTP date; absent or unreadable gives null. */
    static Duration retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String type = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (type.contains("timeout") || message.contains("timeout") || message.contains("timed out")) {
                return "timeout";
            }
            if (t instanceof ConnectException || message.contains("connection refused")) {
                return "connection refused";
            }
            if (message.contains("reset") || message.contains("closed")) {
                return "connection reset";
            }
        }
        return "no answer (" + error.getClass().getSimpleName() + ")";
    }
}
