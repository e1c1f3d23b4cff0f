package com.erasureworker.signin;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a console request whose form session is not a live server-side session ({@link ConsoleSessions}): past its
 * absolute lifetime, signed out, or without its session id. The person is sent to sign in again, both cookies cleared.
 */
public class ConsoleSessionCheck {

    private final ConsoleSessions sessions;

    ConsoleSessionCheck(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!(path.equals("/console") || path.startsWith("/console/")) || path.startsWith("/console/sign-in")
                || path.startsWith("/console/static/") || !ConsoleSessions.formSession(request)) {
            return null;
        }
        var principal = context.getSecurityContext().getUserPrincipal();
        if (principal == null) {
            return null;
        }
        Cookie sid = context.getCookies().get(ConsoleSessions.COOKIE);
        if (sessions.refusal(sid == null ? null : sid.getValue(), principal.getName()) == null) {
            return null;
        }
        return Response.seeOther(URI.create("/console/sign-in?expired=true")).header("Cache-Control", "no-store")
                .cookie(expired(com.erasureworker.api.BasicSignInSwitch.CONSOLE_COOKIE), expired(ConsoleSessions.COOKIE))
                .build();
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/console").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
