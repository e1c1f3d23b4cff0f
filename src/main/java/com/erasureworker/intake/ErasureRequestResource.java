package com.erasureworker.intake;

import com.erasureworker.api.Negotiation;
import com.erasureworker.api.PageLinks;
import com.erasureworker.api.PathIds;
import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.api.QueryParameters;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.audit.AuditCsv;
import com.erasureworker.audit.AuditEventQuery;
import com.erasureworker.controls.ReasonBody;
import com.erasureworker.pipeline.TicketApproval;
import com.erasureworker.pipeline.TicketControl;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The DPO's API: submit erasure tickets, follow them, retry or cancel them. Thin: the work is in the services. */
@Path("/api/v1/erasure-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Erasure requests", description = "GDPR erasure tickets for Dixa, as the DPO submits and follows them")
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ErasureRequestResource {

    private static final String WRITE_ROLES_NOTE = "Roles: dpo, admin.";
    private static final int HISTORY_PAGE = 500;
    private static final int HISTORY_MAX_PAGE = 1000;

    private final TicketIntake intake;
    private final TicketViews views;
    private final TicketControl control;
    private final AuditCsv auditCsv;
    private final TicketApproval approval;

    ErasureRequestResource(TicketIntake intake, TicketViews views, TicketControl control, AuditCsv auditCsv,
            TicketApproval approval) {
        this.approval = approval;
        this.intake = intake;
        this.views = views;
        this.control = control;
        this.auditCsv = auditCsv;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Submit an erasure ticket", description = "Idempotent by ticketRef: the same content again "
            + "answers 200 with the existing ticket. E-mail and phone subjects are resolved to Dixa end users during "
            + "the request and never stored. " + WRITE_ROLES_NOTE)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmissionDocument.class)))
    @APIResponse(responseCode = "202", description = "ticket recorded; Location names it",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "200", description = "identical resubmission: the existing ticket",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "not JSON, wrong JSON types, or unknown fields", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "ticketRef already used for different content",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body larger than the limit", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "values not acceptable; each field with its reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Dixa could not be asked to resolve an e-mail/phone; nothing "
            + "recorded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(byte[] body, @Context SecurityContext security) {
        TicketIntake.Accepted accepted = intake.submit(body, security.getUserPrincipal().getName());
        TicketView ticket = views.ticket(accepted.id());
        return accepted.created()
                ? Response.accepted(ticket).location(URI.create("/api/v1/erasure-requests/" + accepted.id())).build()
                : Response.ok(ticket).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "One ticket with its target counts per state and the first page of its targets",
            description = "Roles: dpo, auditor, admin. targetsNext links the next page of GET …/{id}/targets.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketView get(@PathParam("id") String id) {
        return views.ticket(PathIds.uuid(id, "ticket"));
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "Tickets, newest first, filtered and paged", description = "Roles: dpo, auditor, admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketPage.class)))
    @APIResponse(responseCode = "400", description = "a parameter has a value that cannot be used", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketPage list(
            @Parameter(description = "AWAITING_APPROVAL, IN_PROGRESS, COMPLETED, FAILED, CANCELLED or REJECTED") @QueryParam("state") String state,
            @Parameter(description = "exact ticketRef") @QueryParam("ticketRef") String ticketRef,
            @Parameter(description = "DPO or SWEEP") @QueryParam("source") String source,
            @Parameter(description = "received at or after (ISO-8601)") @QueryParam("receivedFrom") String receivedFrom,
            @Parameter(description = "received before (ISO-8601)") @QueryParam("receivedTo") String receivedTo,
            @Parameter(description = "true: past due and not COMPLETED/CANCELLED") @QueryParam("overdue") String overdue,
            @Parameter(description = "true: due within 3 days and not COMPLETED/CANCELLED") @QueryParam("atRisk") String atRisk,
            @Parameter(description = "due before (ISO-8601)") @QueryParam("dueBefore") String dueBefore,
            @Parameter(description = "from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = "tickets after (older than) this one: keyset paging, as the next link carries it")
            @QueryParam("afterId") String afterId,
            @Context UriInfo uri) {
        TicketPage tickets = views.list(TicketFilter.parse(state, ticketRef, source, receivedFrom, receivedTo, overdue,
                atRisk, dueBefore, page, size, afterId));
        return tickets.withNext(PageLinks.next(uri, "afterId", tickets.next()));
    }

    @GET
    @Path("/{id}/targets")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "The ticket's targets in creation order, paged, optionally in one state",
            description = "Roles: dpo, auditor, admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TargetPage.class)))
    @APIResponse(responseCode = "400", description = "a parameter has a value that cannot be used", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TargetPage targets(@PathParam("id") String id,
            @Parameter(description = "only targets in this state") @QueryParam("state") String state,
            @Parameter(description = "from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        List<Problem.FieldError> errors = new ArrayList<>();
        TargetState only = QueryParameters.value("state", state, TargetState::valueOf,
                "one of " + Arrays.toString(TargetState.values()), errors);
        int number = QueryParameters.bounded("page", page, 0, 0, Integer.MAX_VALUE / TargetPage.MAX_SIZE, errors);
        int rows = QueryParameters.bounded("size", size, TargetPage.DEFAULT_SIZE, 1, TargetPage.MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters have values that cannot be used.", errors);
        }
        TargetPage targets = views.targets(ticketId, only, number, rows);
        return new TargetPage(targets.items(), number, rows,
                PageLinks.next(uri, "page", targets.next() == null ? null : number + 1));
    }

    @GET
    @Path("/{id}/history")
    @Produces({ MediaType.APPLICATION_JSON, AuditCsv.MEDIA_TYPE })
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "The audit events of the ticket, in order", description = "Roles: dpo, auditor, admin. "
            + "JSON: a page of up to size events (default 500, at most 1000) after afterSequence; a Link header "
            + "(rel=next) names the next page. With Accept: text/csv, every event streamed as CSV; such an export is "
            + "audited as EXPORTED on the ticket.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryEntry.class,
            type = SchemaType.ARRAY)),
        @Content(mediaType = AuditCsv.MEDIA_TYPE) })
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response history(@PathParam("id") String id,
            @Parameter(description = "events after this sequence (the next link carries it)")
            @QueryParam("afterSequence") String afterSequence,
            @Parameter(description = "1 to 1000", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "500"))
            @QueryParam("size") String size,
            @Context HttpHeaders headers, @Context SecurityContext security, @Context UriInfo uri) {
        if (Negotiation.prefers(headers, AuditCsv.MEDIA_TYPE)) {
            TicketView ticket = views.ticket(PathIds.uuid(id, "ticket"));
            return auditCsv.export(AuditEventQuery.ofTicket(ticket.id()), "history",
                    security.getUserPrincipal().getName(), ticket.id(), "history-" + ticket.id());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Long after = QueryParameters.value("afterSequence", afterSequence, Long::valueOf, "a sequence number", errors);
        int rows = QueryParameters.bounded("size", size, HISTORY_PAGE, 1, HISTORY_MAX_PAGE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters have values that cannot be used.", errors);
        }
        List<HistoryEntry> history = views.history(PathIds.uuid(id, "ticket"), after, rows + 1);
        Response.ResponseBuilder answer = Response.ok(history.subList(0, Math.min(rows, history.size())),
                MediaType.APPLICATION_JSON_TYPE);
        if (history.size() > rows) {
            answer.header("Link", "<" + PageLinks.next(uri, "afterSequence", history.get(rows - 1).sequence())
                    + ">; rel=\"next\"");
        }
        return answer.build();
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Resume a FAILED ticket where it failed", description = WRITE_ROLES_NOTE)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the ticket is not FAILED", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketView retry(@PathParam("id") String id, @Context SecurityContext security) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        control.retry(ticketId, security.getUserPrincipal().getName());
        return views.ticket(ticketId);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Cancel a ticket before Dixa was asked to anonymize any of it", description = WRITE_ROLES_NOTE)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "terminal already, or anonymization already requested",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketView cancel(@PathParam("id") String id, @Context SecurityContext security) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        control.cancel(ticketId, security.getUserPrincipal().getName());
        return views.ticket(ticketId);
    }

    @POST
    @Path("/{id}/extend")
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Extend the ticket's deadline (GDPR Art. 12(3): at most receipt + 3 months); audited",
            description = WRITE_ROLES_NOTE + " Body: {\"dueAt\": ISO-8601 instant, \"reason\": text (required, at most 1000)}.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the ticket is COMPLETED or CANCELLED", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "no reason, or a due date that is not later or too late",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketView extend(@PathParam("id") String id, byte[] body, @Context SecurityContext security) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        DeadlineExtension extension = DeadlineExtension.read(body);
        control.extend(ticketId, extension.dueAt(), extension.reason(), security.getUserPrincipal().getName());
        return views.ticket(ticketId);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Approve a ticket AWAITING_APPROVAL (four eyes): its work starts; audited with both names",
            description = WRITE_ROLES_NOTE + " Never the submitter (403).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "409", description = "the ticket is not AWAITING_APPROVAL", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketView approve(@PathParam("id") String id, @Context SecurityContext security) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        approval.approve(ticketId, security.getUserPrincipal().getName());
        return views.ticket(ticketId);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Reject a ticket AWAITING_APPROVAL with a reason: it ends REJECTED, nothing sent to Dixa",
            description = WRITE_ROLES_NOTE + " Never the submitter (403). Body: {\"reason\": text, required}.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "409", description = "the ticket is not AWAITING_APPROVAL", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketView reject(@PathParam("id") String id, byte[] body, @Context SecurityContext security) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        ReasonBody reason = ReasonBody.read(body, true, "why the ticket is rejected");
        approval.reject(ticketId, reason.reason(), security.getUserPrincipal().getName());
        return views.ticket(ticketId);
    }
}
