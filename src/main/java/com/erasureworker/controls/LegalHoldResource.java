package com.erasureworker.controls;

import com.erasureworker.api.PathIds;
import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.api.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Legal holds: place (dpo, admin), list and read (all roles), release (admin). Thin over {@link LegalHolds}. */
@Path("/api/v1/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Controls", description = "Emergency pause, legal holds")
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LegalHoldResource {

    private final LegalHolds holds;

    LegalHoldResource(LegalHolds holds) {
        this.holds = holds;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Place a legal hold; audited", description = "Roles: dpo, admin. Body: {\"subject\": one of "
            + "endUserId, email, phone (kept only as keyed hash), conversationIds; \"reason\"; \"endsAt\"?}.")
    @APIResponse(responseCode = "201", description = "placed; Location names it",
            content = @Content(schema = @Schema(implementation = LegalHoldView.class)))
    @APIResponse(responseCode = "422", description = "values not acceptable; each field with its reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(byte[] body, @Context SecurityContext security) {
        LegalHoldView hold = holds.place(body, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/legal-holds/" + hold.id())).entity(hold).build();
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "Legal holds, newest first", description = "Roles: dpo, auditor, admin. "
            + "active=true: only holds in force; page from 0, size 1-200 (default 50).")
    public LegalHolds.HoldPage list(@QueryParam("active") String active, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Boolean activeOnly = QueryParameters.value("active", active, QueryParameters::bool, "true or false", errors);
        int pageNumber = QueryParameters.page(page, size, 50, 200, errors);
        int pageSize = QueryParameters.bounded("size", size, 50, 1, 200, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not acceptable.", errors);
        }
        return holds.list(Boolean.TRUE.equals(activeOnly), pageNumber, pageSize);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "One legal hold, with the targets it keeps ON_HOLD", description = "Roles: dpo, auditor, admin.")
    public LegalHoldView one(@PathParam("id") String id) {
        return holds.one(PathIds.uuid(id, "legal hold"));
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Release a legal hold; its targets continue; audited",
            description = "Roles: admin. Body: {\"reason\": text, required}.")
    @APIResponse(responseCode = "409", description = "already released or ended", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LegalHoldView release(@PathParam("id") String id, byte[] body, @Context SecurityContext security) {
        UUID holdId = PathIds.uuid(id, "legal hold");
        ReasonBody reason = ReasonBody.read(body, true, "why the hold is lifted");
        return holds.release(holdId, reason.reason(), security.getUserPrincipal().getName());
    }
}
