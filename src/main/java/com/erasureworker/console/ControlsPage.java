package com.erasureworker.console;

import com.erasureworker.api.ProblemException;
import com.erasureworker.controls.LegalHolds;
import com.erasureworker.controls.ProcessingPause;
import com.erasureworker.controls.ReasonBody;
import com.erasureworker.intake.TicketFilter;
import com.erasureworker.intake.TicketViews;
import com.erasureworker.pipeline.TicketApproval;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Controls: the emergency pause (pause: dpo, admin; resume: admin), active legal holds, and tickets awaiting a second
 * person's approval, with approve/reject for anyone but their submitter. Thin over the services the API uses.
 */
@Path("/console/controls")
@Produces(MediaType.TEXT_HTML)
public class ControlsPage {


    private final ConsoleSession session;
    private final ProcessingPause pause;
    private final LegalHolds holds;
    private final TicketViews tickets;
    private final TicketApproval approval;
    private final Template controls;

    ControlsPage(ConsoleSession session, ProcessingPause pause, LegalHolds holds, TicketViews tickets,
            TicketApproval approval, @Location("console/controls.html") Template controls) {
        this.session = session;
        this.pause = pause;
        this.holds = holds;
        this.tickets = tickets;
        this.approval = approval;
        this.controls = controls;
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response page() {
        return render(200, null);
    }

    @POST
    @Path("/pause")
    @RolesAllowed({ "dpo", "admin" })
    public Response pause(@RestForm String reason) {
        return act(() -> pause.pause(read(reason, true, "why processing is paused"), session.viewer().name()));
    }

    @POST
    @Path("/resume")
    @RolesAllowed("admin")
    public Response resume(@RestForm String reason) {
        return act(() -> pause.resume(read(reason, false, "why processing resumes"), session.viewer().name()));
    }

    @POST
    @Path("/tickets/{id}/approve")
    @RolesAllowed({ "dpo", "admin" })
    public Response approve(@PathParam("id") UUID id) {
        return act(() -> approval.approve(id, session.viewer().name()));
    }

    @POST
    @Path("/tickets/{id}/reject")
    @RolesAllowed({ "dpo", "admin" })
    public Response reject(@PathParam("id") UUID id, @RestForm String reason) {
        return act(() -> approval.reject(id, read(reason, true, "why the ticket is rejected"), session.viewer().name()));
    }

    /** The form field through the API's own reader, so the console refuses exactly what the API refuses. */
    private static String read(String reason, boolean required, String why) {
        var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (reason != null) {
            json.put("reason", reason);
        }
        return ReasonBody.read(json.toString().getBytes(StandardCharsets.UTF_8), required, why).reason();
    }

    private Response act(Runnable action) {
        try {
            action.run();
            return Response.seeOther(URI.create("/console/controls")).build();
        } catch (ProblemException e) {
            return render(e.problem().status(), e.problem().detail() + errors(e));
        } catch (com.erasureworker.erasure.TicketConflictException e) {
            return render(409, e.getMessage());
        } catch (com.erasureworker.erasure.TicketNotFoundException e) {
            return render(404, e.getMessage());
        }
    }

    private static String errors(ProblemException e) {
        return e.problem().errors() == null || e.problem().errors().isEmpty() ? ""
                : " " + e.problem().errors().stream().map(f -> f.field() + ": " + f.reason())
                        .reduce((a, b) -> a + "; " + b).orElse("");
    }

    private Response render(int status, String message) {
        TicketFilter awaiting = TicketFilter.parse("AWAITING_APPROVAL", null, null, null, null, null, null, null,
                null, "50");
        return session.render(status, controls.data("state", pause.state())
                .data("holds", holds.list(true, 0, 50)).data("awaiting", tickets.list(awaiting))
                .data("message", message));
    }
}
