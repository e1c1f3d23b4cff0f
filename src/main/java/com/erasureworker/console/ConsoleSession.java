package com.erasureworker.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** The signed-in person of this request as pages see them, and the rendering of a page with them (and its CSRF cookie). */
@RequestScoped
public class ConsoleSession {

    private final SecurityIdentity identity;
    private final RoutingContext routing;
    private final CsrfTokens tokens;
    private NewCookie newCookie;
    private Viewer viewer;

    ConsoleSession(SecurityIdentity identity, RoutingContext routing, CsrfTokens tokens) {
        this.identity = identity;
        this.routing = routing;
        this.tokens = tokens;
    }

    public Viewer viewer() {
        if (viewer == null) {
            Cookie cookie = routing.request().getCookie(CsrfTokens.COOKIE);
            String value = cookie == null ? null : cookie.getValue();
            if (value == null || value.isBlank()) {
                value = tokens.newCookieValue();
                newCookie = new NewCookie.Builder(CsrfTokens.COOKIE).value(value).path("/console").httpOnly(true)
                        .secure(routing.request().isSSL()).sameSite(NewCookie.SameSite.STRICT).build();
            }
            String name = identity.getPrincipal().getName();
            viewer = new Viewer(name, identity.hasRole("dpo"), identity.hasRole("admin"), tokens.token(value, name));
        }
        return viewer;
    }

    /** A whole page or an htmx fragment, as HTML, with the viewer in its data. */
    public Response render(TemplateInstance template) {
        return render(200, template);
    }

    public Response render(int status, TemplateInstance template) {
        Viewer current = viewer();
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(template.data("viewer", current).render())
                .header("Cache-Control", "no-store");
        if (newCookie != null) {
            builder.cookie(newCookie);
        }
        return builder.build();
    }
}
