package com.erasureworker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an API body larger than {@code quarkus.http.limits.max-body-size} as a problem answer, before it is read.
 * Quarkus enforces the same limit one step later (route order -2) with a bare 413; this route runs just before it for
 * {@code /api/*} requests that announce their length. A chunked body without a length still gets Quarkus's bare 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Just before Quarkus's own upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    private static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        String body = json.writeValueAsString(Problem.of(413, "body-too-large", "Request body too large",
                "The request body exceeds " + limit / 1024 + " KiB; nothing was recorded."));
        router.route("/api/*").order(ORDER).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length, limit)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        // The body is not read: close the connection rather than drain it.
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            context.next();
        });
    }

    private static boolean exceeds(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }
}
