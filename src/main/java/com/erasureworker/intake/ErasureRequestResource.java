package com.erasureworker.intake;

import com.erasureworker.api.Negotiation;
import com.erasureworker.api.PathIds;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
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
import java.net.URI;
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
    @Operation(summary = "One ticket with its targets", description = "Roles: dpo, auditor, admin.")
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
            @Parameter(description = "1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50")) @QueryParam("size") String size) {
        return views.list(TicketFilter.parse(state, ticketRef, source, receivedFrom, receivedTo, overdue, atRisk,
                dueBefore, page, size));
    }

    @GET
    @Path("/{id}/history")
    @Produces({ MediaType.APPLICATION_JSON, AuditCsv.MEDIA_TYPE })
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "Every audit event of the ticket, in order", description = "Roles: dpo, auditor, admin. "
            + "With Accept: text/csv, streamed as CSV; such an export is audited as EXPORTED on the ticket.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryEntry.class,
            type = SchemaType.ARRAY)),
        @Content(mediaType = AuditCsv.MEDIA_TYPE) })
    @APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response history(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        if (Negotiation.prefers(headers, AuditCsv.MEDIA_TYPE)) {
            TicketView ticket = views.ticket(PathIds.uuid(id, "ticket"));
            return auditCsv.export(AuditEventQuery.ofTicket(ticket.id()), "history",
                    security.getUserPrincipal().getName(), ticket.id(), "history-" + ticket.id());
        }
        List<HistoryEntry> history = views.history(PathIds.uuid(id, "ticket"));
        return Response.ok(history, MediaType.APPLICATION_JSON_TYPE).build();
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
