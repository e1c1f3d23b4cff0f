package com.erasureworker.console;

import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.intake.DeadlineExtension;
import com.erasureworker.intake.TicketFilter;
import com.erasureworker.intake.TicketIntake;
import com.erasureworker.intake.TicketViews;
import com.erasureworker.pipeline.TicketControl;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import jakarta.ws.rs.core.Context;

/** Tickets in the console: list, submit, one ticket with its targets and actions. Thin over intake. */
@Path("/console/tickets")
@Produces(MediaType.TEXT_HTML)
public class TicketPages {

    static final List<String> FORM_FIELDS = List.of("ticketRef", "subject", "closePolicy", "dueAt", "reason");

    private final ConsoleSession session;
    private final TicketViews views;
    private final TicketIntake intake;
    private final TicketDetails details;
    private final TicketControl control;
    private final Template list;
    private final Template submit;
    private final Template ticket;
    private final Template live;

    TicketPages(ConsoleSession session, TicketViews views, TicketIntake intake, TicketDetails details,
            TicketControl control,
            @Location("console/tickets.html") Template list, @Location("console/submit.html") Template submit,
            @Location("console/ticket.html") Template ticket, @Location("console/ticket-live.html") Template live) {
        this.session = session;
        this.views = views;
        this.intake = intake;
        this.details = details;
        this.control = control;
        this.list = list;
        this.submit = submit;
        this.ticket = ticket;
        this.live = live;
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response list(@RestQuery String state, @RestQuery String ticketRef, @RestQuery String source,
            @RestQuery String overdue, @RestQuery String atRisk, @RestQuery String page, @Context UriInfo uri) {
        Map<String, String> filter = new java.util.LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> filter.put(name, values.get(0)));
        try {
            var tickets = views.list(TicketFilter.parse(state, ticketRef, source, null, null, overdue, atRisk, null,
                    page, "50"));
            return session.render(this.list.data("tickets", tickets).data("filter", filter)
                    .data("errors", FormErrors.NONE).data("query", query(filter)));
        } catch (ProblemException e) {
            return session.render(e.problem().status(), this.list.data("tickets", null).data("filter", filter)
                    .data("errors", FormErrors.of(e.problem(), List.of("state", "ticketRef", "source", "overdue",
                            "atRisk", "page"))).data("query", query(filter)));
        }
    }

    @GET
    @Path("/new")
    @RolesAllowed({ "dpo", "admin" })
    public Response form() {
        return session.render(submit.data("form", new SubmissionForm()).data("shownValue", "")
                .data("errors", FormErrors.NONE).data("policies", ClosePolicy.values()));
    }

    @POST
    @RolesAllowed({ "dpo", "admin" })
    public Response submit(@BeanParam SubmissionForm form) {
        try {
            TicketIntake.Accepted accepted = intake.submit(form.toJson(), session.viewer().name());
            return Response.seeOther(URI.create("/console/tickets/" + accepted.id())).build();
        } catch (ProblemException e) {
            return session.render(e.problem().status(), submit.data("form", form)
                    .data("shownValue", form.subjectValueToShow())
                    .data("errors", FormErrors.of(e.problem(), FORM_FIELDS)).data("policies", ClosePolicy.values()));
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response ticket(@PathParam("id") UUID id, @RestQuery String page) {
        return session.render(ticket.data("t", details.ticket(id, pageNumber(page))).data("message", null).data("refused", false));
    }

    /** The part of the ticket page that changes while the pipeline works; htmx re-reads it every 2 seconds. */
    @GET
    @Path("/{id}/live")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response live(@PathParam("id") UUID id, @RestQuery String page) {
        return session.render(live.data("t", details.ticket(id, pageNumber(page))).data("message", null).data("refused", false));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({ "dpo", "admin" })
    public Response retry(@PathParam("id") UUID id, @RestHeader("HX-Request") String htmx) {
        return act(id, htmx, () -> control.retry(id, session.viewer().name()), "Retry started.");
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ "dpo", "admin" })
    public Response cancel(@PathParam("id") UUID id, @RestHeader("HX-Request") String htmx) {
        return act(id, htmx, () -> control.cancel(id, session.viewer().name()), "Ticket cancelled.");
    }

    @POST
    @Path("/{id}/extend")
    @RolesAllowed({ "dpo", "admin" })
    public Response extend(@PathParam("id") UUID id, @RestForm String dueDate, @RestForm String reason,
            @RestHeader("HX-Request") String htmx) {
        return act(id, htmx, () -> {
            DeadlineExtension extension = DeadlineExtension.read(extensionJson(dueDate, reason));
            control.extend(id, extension.dueAt(), extension.reason(), session.viewer().name());
        }, "Deadline extended.");
    }

    /** One action, then the live part again (htmx) or the whole page (a plain form post); a 409/422 shows its reason. */
    private Response act(UUID id, String htmx, Runnable action, String done) {
        String message;
        int status = 200;
        try {
            action.run();
            message = done;
        } catch (RuntimeException e) {
            ProblemException problem = e instanceof ProblemException known ? known : ConsoleProblems.of(e);
            if (problem == null) {
                throw e;
            }
            status = problem.problem().status();
            message = String.join("; ", FormErrors.of(problem.problem(), List.of()).general());
        }
        if (htmx == null) {
            return Response.seeOther(URI.create("/console/tickets/" + id)).build();
        }
        // htmx swaps only 2xx answers by default: the refusal is shown inside a 200 fragment, marked as an alert.
        return session.render(live.data("t", details.ticket(id, 0)).data("message", message)
                .data("refused", status >= 400));
    }

    /** The API's extension body from the form: a date means the end of that day, UTC. */
    private static byte[] extensionJson(String dueDate, String reason) {
        var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (dueDate != null && !dueDate.isBlank()) {
            body.put("dueAt", dueDate.trim() + "T23:59:59Z");
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 0 : Math.max(0, Integer.parseInt(page));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String query(Map<String, String> filter) {
        return FilterQuery.of(filter);
    }
}
