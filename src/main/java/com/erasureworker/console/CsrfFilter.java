package com.erasureworker.console;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The one place where every state-changing console request is checked against cross-site requests: an {@code Origin}
 * (when the browser sends one) must be this server, and the per-session token must come back in the htmx header or the
 * form field. A failing request answers 403 before any resource method runs, so nothing is written. The session
 * cookie itself is SameSite=Strict (application.properties). Behind a proxy, "this server" is the forwarded scheme and
 * host from a trusted proxy only (docs/behind-a-proxy.md).
 * <p>
 * Kept rather than {@code quarkus-rest-csrf} (checked at 3.33.2): that filter verifies unsafe requests of every REST
 * endpoint, not only the console's, so the API's JSON posts (Basic or bearer, no cookie) would need exceptions; it
 * refuses with a bare 400 instead of a 403 problem; it checks no {@code Origin}; and its token is a signed random
 * value not bound to the signed-in user, where ours is an HMAC of the session cookie and the user.
 */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CsrfTokens tokens;

    CsrfFilter(CsrfTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter(readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!path.startsWith("/console") || SAFE.contains(context.getMethod().toUpperCase(Locale.ROOT))) {
            return null;
        }
        String origin = context.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            return refuse("The request came from another site.");
        }
        String presented = context.getHeaderString(CsrfTokens.HEADER);
        if (presented == null) {
            ResteasyReactiveRequestContext rr = (ResteasyReactiveRequestContext) context.getServerRequestContext();
            Object field = rr.getFormParameter(CsrfTokens.FIELD, true, false);
            presented = field == null ? null : field.toString();
        }
        Cookie cookie = context.getCookies().get(CsrfTokens.COOKIE);
        var principal = context.getSecurityContext().getUserPrincipal();
        if (!tokens.matches(presented, cookie == null ? null : cookie.getValue(),
                principal == null ? null : principal.getName())) {
            return refuse("The form's security token is missing or does not belong to this session; reload the page.");
        }
        return null;
    }

    /** Scheme, host and port of the Origin against this request's own (as the proxy settings resolve them). */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        try {
            URI uri = URI.create(origin);
            var authority = request.authority();
            if (uri.getScheme() == null || uri.getHost() == null || authority == null) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(request.scheme()) ? 443 : 80;
            int originPort = uri.getPort() < 0 ? ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80) : uri.getPort();
            int ownPort = authority.port() < 0 ? defaultPort : authority.port();
            return uri.getScheme().equalsIgnoreCase(request.scheme()) && uri.getHost().equalsIgnoreCase(authority.host())
                    && originPort == ownPort;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static Response refuse(String detail) {
        return new ProblemException(Problem.of(403, "csrf", "Cross-site request refused", detail)).toResponse();
    }
}
