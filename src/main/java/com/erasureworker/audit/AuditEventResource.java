package com.erasureworker.audit;

import com.erasureworker.api.Negotiation;
import com.erasureworker.api.PageLinks;
import com.erasureworker.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For auditors: the audit events, filtered, as JSON pages or as one streamed CSV export. */
@Path("/api/v1/audit-events")
@Tag(name = "Audit trail")
@APIResponse(responseCode = "400", description = "a parameter has a value that cannot be used", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditEventResource {

    private final AuditEventReader reader;
    private final AuditCsv csv;

    AuditEventResource(AuditEventReader reader, AuditCsv csv) {
        this.reader = reader;
        this.csv = csv;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, AuditCsv.MEDIA_TYPE })
    @RolesAllowed({ "auditor", "admin" })
    @Operation(summary = "Audit events in sequence order, filtered: JSON pages, or with Accept: text/csv the whole "
            + "selection as CSV, streamed", description = "Roles: auditor, admin. A CSV export ignores page and size "
            + "and is itself audited as EXPORTED with the filter and the row count. JSON: page numbers reach at most "
            + "10,000 rows deep; follow next (afterSequence) beyond. total stops at 10,000 (totalExact false).")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEventPage.class)),
        @Content(mediaType = AuditCsv.MEDIA_TYPE) })
    public Response list(
            @Parameter(description = "occurred at or after (ISO-8601)") @QueryParam("from") String from,
            @Parameter(description = "occurred before (ISO-8601)") @QueryParam("to") String to,
            @Parameter(description = "events of the ticket with this ticketRef") @QueryParam("ticketRef") String ticketRef,
            @Parameter(description = "authenticated principal, or system") @QueryParam("actor") String actor,
            @Parameter(description = "event type, e.g. DIXA_CALL") @QueryParam("type") String type,
            @Parameter(description = "from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100")) @QueryParam("size") String size,
            @Parameter(description = "events after this sequence (keyset paging; the next link carries it)")
            @QueryParam("afterSequence") String afterSequence,
            @Context HttpHeaders headers, @Context SecurityContext security, @Context UriInfo uri) {
        if (Negotiation.prefers(headers, AuditCsv.MEDIA_TYPE)) {
            AuditEventQuery query = AuditEventQuery.parse(from, to, ticketRef, actor, type, null, null);
            return csv.export(query, "audit-events", security.getUserPrincipal().getName(), null, "audit-events");
        }
        AuditEventPage events = reader.page(AuditEventQuery.parse(from, to, ticketRef, actor, type, page, size,
                afterSequence));
        String next = PageLinks.next(uri, "afterSequence", events.nextAfterSequence());
        return Response.ok(events.withNext(next), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
