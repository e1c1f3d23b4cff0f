package com.erasureworker.controls;

import com.erasureworker.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The emergency pause: read it, pause every replica (dpo, admin), resume (admin). Thin over {@link ProcessingPause}. */
@Path("/api/v1/processing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Controls", description = "Emergency pause, legal holds")
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProcessingResource {

    private final ProcessingPause pause;

    ProcessingResource(ProcessingPause pause) {
        this.pause = pause;
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "Whether processing is paused, why, by whom", description = "Roles: dpo, auditor, admin.")
    public ProcessingPause.State state() {
        return pause.state();
    }

    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "dpo", "admin" })
    @Operation(summary = "Pause processing on every replica (within 2 s); audited",
            description = "Roles: dpo, admin. Body: {\"reason\": text, required}. No Dixa write (anonymize, close, "
                    + "note, attribute) goes out while paused; Dixa's status is still read; intake still accepts tickets.")
    @APIResponse(responseCode = "422", description = "no reason", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProcessingPause.State pause(byte[] body, @Context SecurityContext security) {
        ReasonBody reason = ReasonBody.read(body, true, "why processing is paused");
        return pause.pause(reason.reason(), security.getUserPrincipal().getName());
    }

    @POST
    @Path("/resume")
    @RolesAllowed("admin")
    @Operation(summary = "Resume processing; audited", description = "Roles: admin. Body: {\"reason\": text}, optional.")
    public ProcessingPause.State resume(byte[] body, @Context SecurityContext security) {
        ReasonBody reason = ReasonBody.read(body, false, "why processing resumes");
        return pause.resume(reason.reason(), security.getUserPrincipal().getName());
    }
}
