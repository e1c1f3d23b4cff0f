package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Dixa's anonymization status endpoint: {@code processedAt} appears once the queue has processed the request. */
@Path("/simulator/{apiVersion}/anonymization")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class AnonymizationResource {
    @Inject
    AnonymizationQueue queue;

    @Inject
    SimulatorModes modes;

    @GET
    @Path("request/{requestId}")
    public Object status(@PathParam("apiVersion") String apiVersion, @PathParam("requestId") String requestId) {
        RequestValues.version(apiVersion);
        if (modes.refuseAnonymizationStatus()) {
            throw new DixaError(401, "User is unauthorized to perform an underlying operation");
        }
        AnonymizationRequest request = queue.find(RequestValues.uuid(requestId, "path parameter requestId"));
        if (request == null || modes.requestRecordsExpired()
                || modes.messageStatusNotFound() && "Message".equals(request.type)) {
            throw DixaError.notFound();
        }
        return SimJson.data(SimJson.anonymization(request));
    }
}
