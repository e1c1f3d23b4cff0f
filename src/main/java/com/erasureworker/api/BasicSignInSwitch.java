package com.erasureworker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns HTTP Basic sign-in off at run time ({@code API_BASIC_AUTH_ENABLED=false}, the production default). Quarkus
 * fixes the Basic mechanism at build time, so while the switch is off this route answers every API request that
 * carries Basic credentials with a 401 problem before they reach the users realm; bearer tokens pass.
 */
@ApplicationScoped
public class BasicSignInSwitch {

    /** Before the sign-in throttle (-5). */
    private static final int ORDER = -6;

    private final boolean enabled;

    BasicSignInSwitch(@ConfigProperty(name = "api.basic-auth.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        if (enabled) {
            return;
        }
        String body = json.writeValueAsString(Problem.of(401, "unauthenticated", "Authentication required",
                "HTTP Basic sign-in is switched off; send a bearer token."));
        router.route("/api/*").order(ORDER).handler(context -> {
            String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
                context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(body);
                return;
            }
            context.next();
        });
    }
}
