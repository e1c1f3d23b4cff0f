package com.erasureworker.console;

import com.erasureworker.signin.ConsoleSessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sign-in, sign-out and the dashboard: where a DPO or auditor lands. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    private final ConsoleSession session;
    private final DashboardFigures figures;
    private final Template dashboard;
    private final Template dashboardPanels;
    private final Template signIn;
    private final String sessionCookie;
    private final ConsoleSessions sessions;

    DashboardPage(ConsoleSession session, DashboardFigures figures,
            @Location("console/dashboard.html") Template dashboard,
            @Location("console/dashboard-panels.html") Template dashboardPanels,
            @Location("console/sign-in.html") Template signIn,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie,
            ConsoleSessions sessions) {
        this.sessions = sessions;
        this.session = session;
        this.figures = figures;
        this.dashboard = dashboard;
        this.dashboardPanels = dashboardPanels;
        this.signIn = signIn;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("/sign-in")
    public Response signIn(@QueryParam("failed") String failed) {
        return Response.ok(signIn.data("failed", failed != null).render(), MediaType.TEXT_HTML_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/sign-out")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response signOut(@jakarta.ws.rs.CookieParam(ConsoleSessions.COOKIE) String sessionId) {
        sessions.end(sessionId);
        return Response.seeOther(URI.create("/console/sign-in"))
                .cookie(expired(sessionCookie), expired(CsrfTokens.COOKIE), expired(ConsoleSessions.COOKIE)).build();
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response dashboard() {
        return session.render(dashboard.data("d", figures.read()));
    }

    /** The panels alone, which the page re-reads every few seconds (htmx). */
    @GET
    @Path("/dashboard/panels")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response panels() {
        return session.render(dashboardPanels.data("d", figures.read()));
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/console").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
