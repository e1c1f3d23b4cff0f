package com.erasureworker.canary;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.api.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live canary: start a run on the customer's own tenant, and read the reports. */
@Path("/api/v1/canary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Live canary")
public class CanaryResource {

    private final Canaries canaries;

    CanaryResource(Canaries canaries) {
        this.canaries = canaries;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Start a canary run", description = "Imports a synthetic conversation into Dixa, erases it "
            + "through the pipeline as a CANARY ticket and reads it back. 202 + Location; 409 while a run is under way.")
    public Response start(@Context SecurityContext security) {
        UUID id = canaries.request(security.getUserPrincipal().getName());
        return Response.accepted(canaries.run(id)).location(URI.create("/api/v1/canary/runs/" + id)).build();
    }

    @GET
    @Path("/runs")
    @RolesAllowed({"admin", "auditor"})
    @Operation(summary = "Canary runs with their reports, newest first")
    public CanaryRunView.Page list(@QueryParam("page") String page, @QueryParam("size") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int pageNumber = QueryParameters.bounded("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = QueryParameters.bounded("size", size, 20, 1, 200, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid query parameters.", errors);
        }
        return canaries.list(pageNumber, pageSize);
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({"admin", "auditor"})
    @Operation(summary = "One canary run and its report")
    public CanaryRunView get(@PathParam("id") String id) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID runId = QueryParameters.value("id", id, UUID::fromString, "a UUID", errors);
        if (runId == null || !errors.isEmpty()) {
            throw ProblemException.badRequest("The canary run id must be a UUID.", errors);
        }
        return canaries.run(runId);
    }
}
