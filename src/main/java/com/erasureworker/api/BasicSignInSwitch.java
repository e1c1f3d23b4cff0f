package com.erasureworker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One way in per mechanism, checked before any mechanism reads the request: a request with more than one
 * {@code Authorization} header is refused (Quarkus' mechanisms read different ones); the console's session cookie is
 * never an API credential; and while HTTP Basic is off at run time ({@code API_BASIC_AUTH_ENABLED=false}, the
 * production default; Quarkus fixes the Basic mechanism at build time) {@code /api} accepts only bearer tokens. The
 * inbound Dixa-events endpoint keeps its own Basic credentials ({@code DIXA_EVENTS_USERNAME}/{@code _PASSWORD}),
 * which it checks itself. Every refusal is a 401 problem.
 */
@ApplicationScoped
public class BasicSignInSwitch {

    /** Before the sign-in throttle (-5). */
    private static final int ORDER = -6;
    public static final String CONSOLE_COOKIE = "console-session";
    /** Its own credentials, checked by the resource (dixaevents/DixaEventAuthorization), not the users realm. */
    static final String DIXA_EVENTS = "/api/v1/dixa-events";

    private final boolean basicEnabled;

    BasicSignInSwitch(@ConfigProperty(name = "api.basic-auth.enabled", defaultValue = "true") boolean basicEnabled) {
        this.basicEnabled = basicEnabled;
    }

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String twoHeaders = refusal(json, "Send one Authorization header; this request carried several.");
        String cookie = refusal(json, "The console's session is not an API credential; send "
                + (basicEnabled ? "a bearer token or Basic credentials." : "a bearer token."));
        String basicOff = refusal(json, "HTTP Basic sign-in is switched off; send a bearer token.");
        router.route().order(ORDER).handler(context -> {
            List<String> authorizations = context.request().headers().getAll(HttpHeaders.AUTHORIZATION);
            String path = context.normalizedPath();
            if (authorizations.size() > 1) {
                refuse(context, twoHeaders);
            } else if (path.startsWith("/api/") && context.request().getCookie(CONSOLE_COOKIE) != null) {
                refuse(context, cookie);
            } else if (!basicEnabled && path.startsWith("/api/") && !authorizations.isEmpty()
                    && !bearer(authorizations.get(0)) && !DIXA_EVENTS.equals(path)) {
                refuse(context, basicOff);
            } else {
                context.next();
            }
        });
    }

    private static boolean bearer(String authorization) {
        return authorization.toLowerCase(Locale.ROOT).startsWith("bearer ");
    }

    private static String refusal(ObjectMapper json, String detail) throws JsonProcessingException {
        return json.writeValueAsString(Problem.of(401, "unauthenticated", "Authentication required", detail));
    }

    private static void refuse(RoutingContext context, String body) {
        context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
