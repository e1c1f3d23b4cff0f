package com.erasureworker.sweep;

import com.erasureworker.api.Negotiation;
import com.erasureworker.api.PathIds;
import com.erasureworker.api.Problem;
import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.QueryParameters;
import com.erasureworker.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sweep runs: trigger one now, list them, follow one, and see which conversations it erases (JSON or CSV). Thin. */
@Path("/api/v1/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention sweeps")
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SweepResource {

    static final String CSV = "text/csv";
    private static final String READ_ROLES = "Roles: admin, dpo, auditor.";

    private final SweepRuns runs;
    private final SweepViews views;
    private final SweepCandidates candidates;

    SweepResource(SweepRuns runs, SweepViews views, SweepCandidates candidates) {
        this.runs = runs;
        this.views = views;
        this.candidates = candidates;
    }

    @POST
    @RolesAllowed({ "admin", "dpo" })
    @Operation(summary = "Start a sweep now", description = "Body {\"dryRun\": true|false}, or none for the policy's "
            + "default. A real run needs the policy enabled (409 otherwise); only an admin may ask for a real run when "
            + "the policy says dry run (403 for a dpo, nothing queued). Roles: admin, dpo.")
    @APIResponse(responseCode = "202", description = "queued; Location names the run",
            content = @Content(schema = @Schema(implementation = SweepView.class)))
    @APIResponse(responseCode = "409", description = "a run is still enumerating or enqueueing", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response trigger(byte[] body, @Context SecurityContext security) {
        UUID id = runs.trigger(SweepBodyReader.triggerDryRun(body), security.getUserPrincipal().getName(),
                security.isUserInRole("admin"));
        return Response.accepted(views.run(id)).location(URI.create("/api/v1/sweeps/" + id)).build();
    }

    @GET
    @RolesAllowed({ "admin", "dpo", "auditor" })
    @Operation(summary = "Sweep runs, newest first", description = READ_ROLES)
    public SweepPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = QueryParameters.page(page, size, 50, 200, errors);
        int pageSize = QueryParameters.bounded("size", size, 50, 1, 200, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not readable.", errors);
        }
        return views.list(pageNumber, pageSize);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "admin", "dpo", "auditor" })
    @Operation(summary = "One sweep run with its counts", description = READ_ROLES)
    @APIResponse(responseCode = "404", description = "no such run", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SweepView get(@PathParam("id") String id) {
        return views.run(PathIds.uuid(id, "sweep"));
    }

    @GET
    @Path("/{id}/conversations")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ "admin", "dpo", "auditor" })
    @Operation(summary = "Conversation ids the run erases (dry run: would erase)", description = "In id order, "
            + "paged (size 1 to 1000, default 100). With Accept: text/csv the same ids as CSV (column "
            + "conversationId): every id when page is not given, else that page. JSON under Accept: */*. " + READ_ROLES)
    public Response conversations(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size, @Context HttpHeaders headers) {
        UUID runId = PathIds.uuid(id, "sweep");
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = QueryParameters.page(page, size, 100, 1000, errors);
        int pageSize = QueryParameters.bounded("size", size, 100, 1, 1000, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not readable.", errors);
        }
        if (!Negotiation.prefers(headers, CSV)) {
            return Response.ok(views.conversations(runId, pageNumber, pageSize), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        List<Long> onePage = page == null ? null : views.conversations(runId, pageNumber, pageSize).conversationIds();
        views.requireRun(runId);
        StreamingOutput csv = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write("conversationId\n");
            try {
                if (onePage != null) {
                    for (Long conversationId : onePage) {
                        writer.write(conversationId + "\n");
                    }
                } else {
                    candidates.eachToErase(runId, conversationId -> write(writer, conversationId + "\n"));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(csv, CSV).header("Content-Disposition", "attachment; filename=\"sweep-" + runId + ".csv\"")
                .build();
    }

    @GET
    @Path("/{id}/held")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "admin", "dpo", "auditor" })
    @Operation(summary = "Conversations the run skipped because a legal hold names them, with the hold",
            description = "In id order, paged (size 1 to 1000, default 100). " + READ_ROLES)
    public SweepViews.HeldPage held(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        UUID runId = PathIds.uuid(id, "sweep");
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = QueryParameters.page(page, size, 100, 1000, errors);
        int pageSize = QueryParameters.bounded("size", size, 100, 1, 1000, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not readable.", errors);
        }
        return views.held(runId, pageNumber, pageSize);
    }

    @GET
    @Path("/{id}/reopened")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "admin", "dpo", "auditor" })
    @Operation(summary = "Conversations of the run's ticket left alone because they were reopened",
            description = "Read just before erasing, each was open again or closed again after the run's cutoff: its "
                    + "target ended REOPENED and nothing was written to Dixa; a later run finds it when it is due. "
                    + "In id order, paged (size 1 to 1000, default 100). " + READ_ROLES)
    public SweepConversationPage reopened(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        UUID runId = PathIds.uuid(id, "sweep");
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = QueryParameters.page(page, size, 100, 1000, errors);
        int pageSize = QueryParameters.bounded("size", size, 100, 1, 1000, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not readable.", errors);
        }
        return views.reopened(runId, pageNumber, pageSize);
    }

    private static void write(BufferedWriter writer, String line) {
        try {
            writer.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
