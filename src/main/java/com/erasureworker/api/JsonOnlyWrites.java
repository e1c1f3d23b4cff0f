package com.erasureworker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses every state-changing API request (POST, PUT, PATCH, DELETE) whose {@code Content-Type} is not
 * {@code application/json}, with a 415 problem, before authentication or the body is read. A browser sends a
 * cross-site form or {@code text/plain} POST without asking first; a JSON request it must ask about (CORS preflight),
 * which this service never allows. Also for the operations without a body (retry, cancel).
 */
@ApplicationScoped
public class JsonOnlyWrites {

    /** Before the body size limit (-3) and Quarkus's upload limit (-2). */
    private static final int ORDER = -4;
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String body = json.writeValueAsString(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "State-changing requests must be sent as Content-Type: application/json; nothing was recorded.",
                List.of(new Problem.FieldError("Content-Type", "must be application/json"))));
        router.route("/api/*").order(ORDER).handler(context -> {
            if (WRITES.contains(context.request().method())
                    && !isJson(context.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                context.response().setStatusCode(415)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            context.next();
        });
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }
}
